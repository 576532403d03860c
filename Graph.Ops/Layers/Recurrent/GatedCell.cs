using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops.Recurrent;

namespace Graph.Ops.Layers;

/// <summary>
/// What SimpleRNNCell, LSTMCell and GRUCell share (Keras 2 layout, KERAS_SEMANTICS §7.3): <c>kernel (input, k·units)</c>
/// glorot_uniform, <c>recurrent_kernel (units, k·units)</c> orthogonal, <c>bias</c> zeros, gate blocks concatenated on
/// the last axis; <see cref="Dropout"/>/<see cref="RecurrentDropout"/> masks drawn once per call in
/// <see cref="BeginCall"/> (k masks each, or one input mask with the fused implementation) and reused at every step.
/// </summary>
public abstract class GatedCell : RecurrentCell
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["units"] = Units;
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = ConfigJson.Initializer(KernelInitializer);
        config["recurrent_initializer"] = ConfigJson.Initializer(RecurrentInitializer);
        config["bias_initializer"] = ConfigJson.Initializer(BiasInitializer);
        config["dropout"] = Dropout;
        config["recurrent_dropout"] = RecurrentDropout;
        config["seed"] = Seed;
        config["dtype"] = _dtype.Name();
    }

    private readonly DType _dtype;
    private Node[]? _inputMasks;
    private Node[]? _recurrentMasks;

    private protected GatedCell(int units, int gates, ActivationArg activation, bool useBias, InitializerArg kernelInitializer,
        InitializerArg recurrentInitializer, InitializerArg biasInitializer, double dropout, double recurrentDropout,
        int? seed, DType dtype, string? name) : base(name)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"{GetType().Name} needs a positive number of units; got {units}.");
        if (dtype is not (DType.Float32 or DType.Float64))
            throw new ArgumentException($"{GetType().Name}: dtype must be float32 or float64; got {dtype.Name()}.", nameof(dtype));
        Units = units;
        Gates = gates;
        Activation = activation;
        UseBias = useBias;
        KernelInitializer = kernelInitializer.IsDefault ? "glorot_uniform" : kernelInitializer;
        RecurrentInitializer = recurrentInitializer.IsDefault ? "orthogonal" : recurrentInitializer;
        BiasInitializer = biasInitializer.IsDefault ? "zeros" : biasInitializer;
        Dropout = ClampRate(dropout);
        RecurrentDropout = ClampRate(recurrentDropout);
        Seed = seed;
        _dtype = dtype;
    }

    /// <summary>Width of the state.</summary>
    public int Units { get; }

    /// <summary>Number of gate blocks k (SimpleRNN 1, GRU 3, LSTM 4).</summary>
    public int Gates { get; }

    /// <summary>The activation (tanh by default).</summary>
    public ActivationArg Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Kernel initializer (glorot_uniform).</summary>
    public InitializerArg KernelInitializer { get; }

    /// <summary>Recurrent kernel initializer (orthogonal).</summary>
    public InitializerArg RecurrentInitializer { get; }

    /// <summary>Bias initializer (zeros).</summary>
    public InitializerArg BiasInitializer { get; }

    /// <summary>Fraction of the inputs dropped in training, clamped to [0, 1].</summary>
    public double Dropout { get; }

    /// <summary>Fraction of the recurrent state dropped in training, clamped to [0, 1].</summary>
    public double RecurrentDropout { get; }

    /// <summary>Op seed of the first dropout mask (the next ones use seed+1, ...), or null for graph-level seeds.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override DType DType => _dtype;

    /// <summary>The kernel <c>(input, k·units)</c>, after build.</summary>
    public Node Kernel { get; private set; } = null!;

    /// <summary>The recurrent kernel <c>(units, k·units)</c>, after build.</summary>
    public Node RecurrentKernel { get; private set; } = null!;

    /// <summary>The bias, after build when <see cref="UseBias"/>.</summary>
    public Node? Bias { get; private set; }

    /// <summary>Per-gate matmuls and masks (Keras implementation 1) — used whenever recurrent dropout is on (tf.keras).</summary>
    private protected bool PerGate => RecurrentDropout > 0 && RecurrentDropout < 1;

    /// <inheritdoc/>
    protected override void Build(Shape inputShape)
    {
        int inputDim = inputShape[-1] ?? throw new ArgumentException(
            $"Cell {Name}: the last dimension of the inputs should be defined. Found None (shape {inputShape}).");
        Kernel = AddWeight("kernel", Shape.Of(inputDim, Gates * Units), KernelInitializer, _dtype);
        RecurrentKernel = AddWeight("recurrent_kernel", Shape.Of(Units, Gates * Units), RecurrentInitializer, _dtype);
        if (UseBias) Bias = AddWeight("bias", BiasShape, BiasInitializerFor(), _dtype);
    }

    /// <summary>The bias shape (<c>(k·units,)</c>; GRU with reset_after <c>(2, 3·units)</c>).</summary>
    private protected virtual Shape BiasShape => Shape.Of(Gates * Units);

    /// <summary>The initializer actually used for the bias (LSTM's unit forget bias wraps it).</summary>
    private protected virtual InitializerArg BiasInitializerFor() => BiasInitializer;

    /// <inheritdoc/>
    public override void BeginCall(Node inputs, IReadOnlyList<Node> initialStates, TrainingArg training)
    {
        int inputMasks = PerGate ? Gates : 1;
        _inputMasks = DropoutMask(StepTemplate(inputs), Dropout, inputMasks, training, Seed);
        _recurrentMasks = DropoutMask(initialStates[0], RecurrentDropout, Gates, training, Seed is { } s ? s + Gates : null);
    }

    /// <summary>The input for gate <paramref name="gate"/> (dropped if a mask exists; one shared mask when fused).</summary>
    private protected Node MaskedInput(Node x, int gate) =>
        _inputMasks is { } m ? G.Mul(x, m[Math.Min(gate, m.Length - 1)]) : x;

    /// <summary>The state for gate <paramref name="gate"/> (dropped if recurrent masks exist).</summary>
    private protected Node MaskedState(Node h, int gate) => _recurrentMasks is { } m ? G.Mul(h, m[gate]) : h;

    /// <summary>Columns <c>[gate·units, (gate+1)·units)</c> of a weight's last axis (a gate block).</summary>
    private protected Node Block(Node w, int gate)
    {
        int rank = w.Shape.Rank;
        var begin = new int[rank];
        var size = Enumerable.Repeat(-1, rank).ToArray();
        begin[rank - 1] = gate * Units;
        size[rank - 1] = Units;
        return G.Slice(w, begin, size);
    }

    /// <summary>Row <paramref name="row"/> of a <c>(2, 3·units)</c> bias.</summary>
    private protected static Node BiasRow(Node bias, int row) => G.Squeeze(G.Slice(bias, [row, 0], [1, -1]), 0);

    /// <summary>
    /// The k gate pre-activations from the input: <c>x·W + b</c> split into blocks, fused in one matmul without
    /// dropout, per gate (each with its own mask) with it.
    /// </summary>
    private protected Node[] InputParts(Node x, Node? bias)
    {
        if (!PerGate)
        {
            var z = G.Dot(MaskedInput(x, 0), Kernel);
            if (bias is not null) z = G.BiasAdd(z, bias);
            return G.Split(z, Gates, axis: -1);
        }
        return Enumerable.Range(0, Gates).Select(k =>
        {
            var z = G.Dot(MaskedInput(x, k), Block(Kernel, k));
            return bias is null ? z : G.BiasAdd(z, Block(bias, k));
        }).ToArray();
    }

    /// <summary>The k recurrent pre-activations <c>h·U (+ b)</c>, fused or per gate with recurrent masks.</summary>
    private protected Node[] RecurrentParts(Node h, Node? bias)
    {
        if (!PerGate)
        {
            var z = G.Dot(h, RecurrentKernel);
            if (bias is not null) z = G.BiasAdd(z, bias);
            return G.Split(z, Gates, axis: -1);
        }
        return Enumerable.Range(0, Gates).Select(k =>
        {
            var z = G.Dot(MaskedState(h, k), Block(RecurrentKernel, k));
            return bias is null ? z : G.BiasAdd(z, Block(bias, k));
        }).ToArray();
    }

    /// <summary>
    /// The whole recurrence over <paramref name="inputs"/> <c>(batch, time, features)</c> as one fused kernel (the
    /// input projection of every step as one GEMM, then the recurrent loop in one op with its own gradient), or
    /// null when this cell's settings have no fused kernel; the <see cref="RNN"/> layer then builds the general loop.
    /// Call after <see cref="BeginCall"/> (the dropout masks drawn there are used).
    /// </summary>
    internal virtual (Node Last, Node Outputs, IReadOnlyList<Node> States)? FusedSequence(Node inputs, IReadOnlyList<Node> initialStates,
        Node? mask, bool goBackwards) => null;

    /// <summary>The fused form of a built-in activation, or null for a function the kernels do not know.</summary>
    private protected static FusedActivation? Fusable(ActivationArg activation) =>
        FusedActivations.FromName(activation.Name) is { } fused && activation.Function == Activations.Get(activation.Name) ? fused : null;

    /// <summary>
    /// The operands of a fused op in <see cref="FusedInputs"/> order: the sequence, the kernel, the bias, the states, the
    /// recurrent kernel, then the mask and the dropout masks drawn by <see cref="BeginCall"/> (input masks stacked
    /// <c>(1 or k, batch, features)</c>, recurrent masks <c>(k, batch, units)</c>).
    /// </summary>
    private protected (FusedInputs Layout, Node[] Operands) FusedOperands(Node inputs, Node? bias, IReadOnlyList<Node> states, Node? mask)
    {
        var layout = new FusedInputs(states.Count, bias is not null, mask is not null, _inputMasks is not null, _recurrentMasks is not null);
        Node[] operands = [inputs, Kernel, .. bias is null ? [] : new[] { bias }, .. states, RecurrentKernel,
            .. mask is null ? [] : new[] { G.Cast(mask, DType.Bool) },
            .. _inputMasks is { } im ? new[] { G.Stack(im, axis: 0) } : [],
            .. _recurrentMasks is { } rm ? new[] { G.Stack(rm, axis: 0) } : []];
        return (layout, operands);
    }

    /// <summary>A fused op's node and the projections the layer returns: last output, outputs, final states.</summary>
    private protected static (Node Last, Node Outputs, IReadOnlyList<Node> States) FusedResults(TupleKernelOp op, Node[] operands,
        string name, int last, int sequence, params int[] states)
    {
        var node = operands[0].Graph.AddNode(op, operands, name);
        return (FusedGradients.Element(node, last), FusedGradients.Element(node, sequence), states.Select(e => FusedGradients.Element(node, e)).ToArray());
    }

    /// <summary>A copy of this cell with the same settings and fresh weights (Bidirectional's backward layer).</summary>
    public abstract GatedCell CloneCell();
}
