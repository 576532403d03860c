using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Ops.Recurrent;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>LSTMCell</c>, gate order i, f, c, o (KERAS_SEMANTICS §7.4): <c>i = σ(xW_i + hU_i + b_i)</c>, f and o
/// likewise, <c>c' = f·c + i·act(xW_c + hU_c + b_c)</c>, <c>h' = o·act(c')</c>; states <c>[h, c]</c>, output h'.
/// σ is the recurrent activation (sigmoid by default, tf.keras; <c>"hard_sigmoid"</c> for Keras 2.2.4's).
/// <see cref="UnitForgetBias"/> (default true) starts the forget-gate bias at ones.
/// </summary>
public sealed class LSTMCell : GatedCell
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        base.AddConfig(config);
        config["recurrent_activation"] = RecurrentActivation.Name;
        config["unit_forget_bias"] = UnitForgetBias;
    }

    /// <summary>A cell of <paramref name="units"/> units.</summary>
    public LSTMCell(int units, ActivationArg? activation = null, ActivationArg? recurrentActivation = null, bool useBias = true,
        InitializerArg kernelInitializer = default, InitializerArg recurrentInitializer = default, InitializerArg biasInitializer = default,
        bool unitForgetBias = true, double dropout = 0, double recurrentDropout = 0, int? seed = null, DType dtype = DType.Float32,
        string? name = null)
        : base(units, 4, activation ?? "tanh", useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed, dtype, name)
    {
        RecurrentActivation = recurrentActivation ?? "sigmoid";
        UnitForgetBias = unitForgetBias;
    }

    /// <summary>The gates' activation (sigmoid).</summary>
    public ActivationArg RecurrentActivation { get; }

    /// <summary>Whether the forget-gate bias starts at one (Jozefowicz et al. 2015).</summary>
    public bool UnitForgetBias { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => [Units, Units];

    private protected override InitializerArg BiasInitializerFor() =>
        UnitForgetBias ? InitializerArg.From(new UnitForgetBiasInitializer(BiasInitializer.Resolve(), Units)) : BiasInitializer;

    /// <inheritdoc/>
    public override (Node Output, IReadOnlyList<Node> States) Call(Node input, IReadOnlyList<Node> states, TrainingArg training)
    {
        Node h = states[0], c = states[1];
        var x = InputParts(input, Bias);
        var r = RecurrentParts(h, null);
        var sr = RecurrentActivation.Function;
        var i = sr(G.Add(x[0], r[0]));
        var f = sr(G.Add(x[1], r[1]));
        var candidate = Activation.Function(G.Add(x[2], r[2]));
        var o = sr(G.Add(x[3], r[3]));
        var c2 = G.Add(G.Mul(f, c), G.Mul(i, candidate));
        var h2 = G.Mul(o, Activation.Function(c2));
        return (h2, [h2, c2]);
    }

    /// <summary>
    /// The fused <see cref="LstmSequenceOp"/> for float inputs <c>(batch, time, features)</c> when both activations are
    /// built-in ones the kernel has (tanh, sigmoid, hard_sigmoid, relu, linear); masks and dropout go with it.
    /// </summary>
    internal override (Node Last, Node Outputs, IReadOnlyList<Node> States)? FusedSequence(Node inputs, IReadOnlyList<Node> initialStates,
        Node? mask, bool goBackwards)
    {
        if (inputs.Shape.Rank != 3 || Fusable(Activation) is not { } activation || Fusable(RecurrentActivation) is not { } recurrent)
            return null;
        var (layout, operands) = FusedOperands(inputs, Bias, initialStates, mask);
        return FusedResults(new LstmSequenceOp(activation, recurrent, goBackwards, layout), operands, "lstm_sequence",
            LstmSequenceOp.Last, LstmSequenceOp.Sequence, LstmSequenceOp.FinalH, LstmSequenceOp.FinalC);
    }

    /// <inheritdoc/>
    public override GatedCell CloneCell() => new LSTMCell(Units, Activation, RecurrentActivation, UseBias, KernelInitializer,
        RecurrentInitializer, BiasInitializer, UnitForgetBias, Dropout, RecurrentDropout, Seed, DType);

    /// <summary><c>concat(init(units), ones(units), init(2·units))</c>, Keras's unit-forget-bias initializer.</summary>
    private sealed class UnitForgetBiasInitializer(IInitializer inner, int units) : IInitializer
    {
        public string Name => "unit_forget_bias";

        public void Fill(TensorBuffer target, ulong seed)
        {
            inner.Fill(target, seed);
            for (int j = units; j < 2 * units; j++)
                if (target.DType == DType.Float64) target.Span<double>()[j] = 1;
                else target.Span<float>()[j] = 1;
        }
    }
}
