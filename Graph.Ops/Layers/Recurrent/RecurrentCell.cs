using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// A recurrent cell (Keras's cell protocol): one timestep <c>(output, newStates) = Call(input, states, training)</c>
/// on <c>(batch, features)</c> slices, with <see cref="StateSize"/> giving the width of each state. The
/// <see cref="RNN"/> layer builds the cell (its weights are the RNN's, named <c>rnn_layer/cell/kernel</c>), calls
/// <see cref="BeginCall"/> once per layer call outside the loop, then runs <see cref="Call(Node, IReadOnlyList{Node}, TrainingArg)"/>
/// once to build the loop's step. User cells derive from this class; the first state must be the output when the
/// layer is masked (Keras's convention).
/// <para>Dropout: values drawn in <see cref="BeginCall"/> (see <see cref="DropoutMask"/>) are drawn once per call and
/// reused at every step (captured by the loop); random ops created inside <c>Call</c> draw anew at every step.
/// Either way <c>training</c> absent resolves to the enclosing call's value or the learning phase, so a cell never
/// sets a flag by hand.</para>
/// </summary>
public abstract class RecurrentCell : Layer
{
    /// <summary>A cell named <paramref name="name"/> (or after its class).</summary>
    protected RecurrentCell(string? name = null) : base(name) { }

    /// <summary>The width of each state, first the output-carrying one (<c>[units]</c>, LSTM <c>[units, units]</c>).</summary>
    public abstract IReadOnlyList<int> StateSize { get; }

    /// <summary>The width of the output (Keras's <c>output_size</c>; <c>StateSize[0]</c> unless overridden).</summary>
    public virtual int OutputSize => StateSize[0];

    /// <summary>The dtype of the states and outputs (that of the weights; float32 unless given).</summary>
    public virtual DType DType => DType.Float32;

    /// <summary>
    /// Called once per layer call before the loop is built, with the whole input sequence <c>(batch, time, ...)</c>
    /// and the initial states: the place to draw dropout masks (nodes built here are computed once per run).
    /// </summary>
    public virtual void BeginCall(Node inputs, IReadOnlyList<Node> initialStates, TrainingArg training) { }

    /// <summary>One step: the output <c>(batch, OutputSize)</c> and the new states (one per <see cref="StateSize"/> entry).</summary>
    public abstract (Node Output, IReadOnlyList<Node> States) Call(Node input, IReadOnlyList<Node> states, TrainingArg training);

    /// <summary>
    /// Keras's <c>_generate_dropout_mask</c>: <paramref name="count"/> keep masks shaped like <paramref name="like"/>
    /// (scaled by <c>1/(1 − rate)</c>) in training and ones otherwise, or null when the rate is outside (0, 1).
    /// Call it from <see cref="BeginCall"/> with an outer node so the masks are drawn once per call.
    /// </summary>
    public static Node[]? DropoutMask(Node like, double rate, int count, TrainingArg training, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(like);
        if (!(rate > 0 && rate < 1)) return null;
        var ones = G.OnesLike(like);
        return Enumerable.Range(0, count).Select(i => G.Dropout(ones, rate, seed: seed is { } s ? s + i : null, training: training)).ToArray();
    }

    /// <summary>A node <c>(batch, features)</c> derived from a sequence <c>(batch, time, features)</c> outside any step,
    /// to shape input dropout masks (Keras's <c>ones_like(inputs[:, 0])</c> without needing a first step).</summary>
    protected static Node StepTemplate(Node inputs) => G.Sum(inputs, 1);

    /// <summary>The rates are clamped to [0, 1] as in Keras's cells.</summary>
    private protected static double ClampRate(double rate) => Math.Min(1, Math.Max(0, rate));

    /// <summary>Cells are stepped by their RNN, not applied as layers.</summary>
    protected sealed override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        throw new InvalidOperationException($"Cell {Name} is a recurrent cell; wrap it in an RNN layer to apply it to a sequence.");
}
