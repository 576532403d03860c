using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>RNN(cell, return_sequences, return_state, go_backwards, stateful, unroll)</c> (KERAS_SEMANTICS §7.1):
/// runs any <see cref="RecurrentCell"/> over the time axis of <c>(batch, time, features)</c> inputs with
/// <see cref="RecurrentLoop.Run"/> — one loop op, differentiable, one plan for every sequence length — or, for an
/// LSTM or reset-after GRU cell with built-in activations (and <see cref="Unroll"/> off), the cell's fused kernel
/// (<see cref="GatedCell.FusedSequence"/>: <c>LstmSequenceOp</c>/<c>GruSequenceOp</c>), which computes the same values.
/// <list type="bullet">
/// <item>Output: the last output <c>(batch, units)</c>, or the sequence <c>(batch, time, units)</c> with
/// <see cref="ReturnSequences"/> (in processing order when <see cref="GoBackwards"/>); <see cref="ReturnState"/> adds
/// the final states (apply with <c>ApplyMultiple</c>). Extra inputs after the sequence are initial states.</item>
/// <item>Masks (from <c>Embedding(maskZero)</c>, <c>Masking</c>, or given explicitly) skip steps: a masked step outputs
/// the previous output and carries the states. The output mask is the input mask with <see cref="ReturnSequences"/>.</item>
/// <item><see cref="Stateful"/>: the states live in variables <c>(batch, size)</c> (the batch size must be known) read
/// as initial states and assigned the final states by the layer's updates, which every function that lists
/// <see cref="Layer.Updates"/> runs; <see cref="ResetStates"/> zeroes them.</item>
/// <item>The cell's dropout masks are drawn once per call (<see cref="RecurrentCell.BeginCall"/>); with <c>training</c>
/// absent they follow the enclosing call or the learning phase.</item>
/// </list>
/// </summary>
public class RNN : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["return_sequences"] = ReturnSequences;
        config["return_state"] = ReturnState;
        config["go_backwards"] = GoBackwards;
        config["stateful"] = Stateful;
        config["unroll"] = Unroll;
        config["cell"] = LayerRegistry.Serialize(Cell);
    }

    private Node[]? _stateVariables;

    /// <summary>A recurrent layer running <paramref name="cell"/>.</summary>
    public RNN(RecurrentCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool unroll = false, string? name = null) : base(name)
    {
        Cell = cell ?? throw new ArgumentNullException(nameof(cell));
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        Unroll = unroll;
        SupportsMasking = true;
        TrackLayer(cell);
    }

    /// <summary>The cell stepped at every timestep.</summary>
    public RecurrentCell Cell { get; }

    /// <summary>Return the whole output sequence instead of the last output.</summary>
    public bool ReturnSequences { get; }

    /// <summary>Also return the final states.</summary>
    public bool ReturnState { get; }

    /// <summary>Process the sequence backwards.</summary>
    public bool GoBackwards { get; }

    /// <summary>Keep the final states of a batch as the initial states of the next.</summary>
    public bool Stateful { get; }

    /// <summary>Build an unrolled copy of the step per timestep instead of a loop.</summary>
    public bool Unroll { get; }

    /// <summary>The state variables of a stateful layer (after build), else empty.</summary>
    public IReadOnlyList<Node> States => _stateVariables ?? [];

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Rank < 3) throw new ArgumentException($"Layer {Name}: the inputs should be at least 3D (batch, time, features); got {shape}.");
        Cell.EnsureBuilt(new Shape([shape[0], .. shape.Dims[2..]]));
        if (!Stateful) return;
        if (shape[0] is not { } batch)
            throw new ArgumentException("If a RNN is stateful, it needs to know its batch size. Specify the batch size of your input tensors: " +
                "- If using a Sequential model, specify the batch size by passing a `batch_input_shape` argument to your first layer. " +
                "- If using the functional API, specify the batch size by passing a `batch_shape` argument to your Input layer.");
        _stateVariables = Cell.StateSize.Select((size, i) =>
            G.Variable(Shape.Of(batch, size), Cell.DType, Initializers.Initializers.Get("zeros"), $"state_{i}", trainable: false)).ToArray();
    }

    /// <inheritdoc/>
    protected override void Build(Shape inputShape) => Build([inputShape]);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        if (ReturnState)
            throw new InvalidOperationException($"Layer {Name} returns its states (ReturnState); apply it with ApplyMultiple to get them.");
        return CallCore([inputs], training, mask)[0];
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks) =>
        CallCore(inputs, training, masks[0]);

    private IReadOnlyList<Node> CallCore(IReadOnlyList<Node> inputs, TrainingArg training, Node? mask)
    {
        var sequence = inputs[0];
        if (sequence.Shape.Rank < 3)
            throw new ArgumentException($"Layer {Name}: the inputs should be at least 3D (batch, time, features); got {sequence.Type}.");
        var sizes = Cell.StateSize;
        IReadOnlyList<Node> initial;
        if (inputs.Count > 1)
        {
            if (inputs.Count - 1 != sizes.Count)
                throw new ArgumentException($"Layer {Name} has {sizes.Count} states but was passed {inputs.Count - 1} initial states.");
            initial = inputs.Skip(1).ToArray();
        }
        else initial = _stateVariables ?? ZeroStates(sequence, sizes);

        Cell.BeginCall(sequence, initial, training);
        var (last, outputs, states) = (!Unroll && Cell is GatedCell gated ? gated.FusedSequence(sequence, initial, mask, GoBackwards) : null)
            ?? RecurrentLoop.Run((x, s) => Cell.Call(x, s, training), sequence, initial, mask, GoBackwards, Unroll);
        if (_stateVariables is { } variables)
            AddUpdate(variables.Select((v, i) => G.Assign(v, states[i])).ToArray());
        var output = ReturnSequences ? outputs : last;
        return ReturnState ? [output, .. states] : [output];
    }

    /// <summary>Keras's initial states: zeros <c>(batch, size)</c> per state, batch taken from the inputs.</summary>
    private static Node[] ZeroStates(Node inputs, IReadOnlyList<int> sizes)
    {
        var column = G.ExpandDims(G.ZerosLike(G.Sum(inputs, Enumerable.Range(1, inputs.Shape.Rank - 1).ToArray())), 1);
        return sizes.Select(size => G.Tile(column, 1, size)).ToArray();
    }

    /// <summary>
    /// Zeroes the states of a stateful layer (Keras's <c>reset_states()</c>), or sets them to
    /// <paramref name="values"/> (one <c>(batch, size)</c> buffer per state).
    /// </summary>
    /// <exception cref="InvalidOperationException">the layer is not stateful or not built.</exception>
    public void ResetStates(IReadOnlyList<TensorBuffer>? values = null)
    {
        if (!Stateful) throw new InvalidOperationException($"Layer {Name} must be stateful to reset its states.");
        var variables = _stateVariables ?? throw new InvalidOperationException($"Layer {Name} has no states yet: apply it first.");
        if (values is not null && values.Count != variables.Length)
            throw new ArgumentException($"Layer {Name} expects {variables.Length} states, but it received {values.Count} state values.", nameof(values));
        for (int i = 0; i < variables.Length; i++)
        {
            var value = values?[i] ?? TensorBuffer.Zeros(variables[i].DType, variables[i].Shape.Dims.Select(d => d!.Value).ToArray());
            variables[i].Graph.Variables.SetValue(variables[i], value);
        }
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        ReturnSequences ? new Shape(inputShape[0], inputShape[1], Cell.OutputSize) : new Shape(inputShape[0], Cell.OutputSize);

    /// <inheritdoc/>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        var output = ComputeOutputShape(inputShapes[0]);
        return ReturnState ? [output, .. Cell.StateSize.Select(s => new Shape(inputShapes[0][0], s))] : [output];
    }

    /// <summary>Keras's <c>RNN.compute_mask</c>: the input mask with <see cref="ReturnSequences"/>, else none; none for states.</summary>
    public override Node? ComputeMask(Node inputs, Node? mask) => ReturnSequences ? mask : null;

    /// <inheritdoc/>
    public override IReadOnlyList<Node?> ComputeMask(IReadOnlyList<Node> inputs, IReadOnlyList<Node?> masks)
    {
        var output = ComputeMask(inputs[0], masks[0]);
        return ReturnState ? [output, .. Cell.StateSize.Select(_ => (Node?)null)] : [output];
    }

    /// <summary>A layer with the same settings running the other way on a fresh copy of the cell (Bidirectional).</summary>
    /// <exception cref="InvalidOperationException">the cell is a user cell (give Bidirectional a backward layer).</exception>
    public virtual RNN CopyReversed(string name) => Cell is GatedCell gated
        ? new RNN(gated.CloneCell(), ReturnSequences, ReturnState, !GoBackwards, Stateful, Unroll, name)
        : throw new InvalidOperationException($"Layer {Name}: cannot copy the user cell {Cell.Name}; pass Bidirectional a backward layer.");
}
