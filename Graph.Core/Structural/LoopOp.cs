using System.Globalization;

namespace Graph.Core.Structural;

/// <summary>
/// A scan over time whose step is a <see cref="LoopBody"/> (a region of the same graph). Iteration i reads slice
/// i of every sequence (time index <c>T−1−i</c> where <see cref="ReverseSequences"/> is set), passes the carries
/// through the body, and collects the results. The time axis of a value is 1 (batch-major, as Keras), or 0 for a
/// rank-1 sequence; the length T may be unknown until the sequences are fed.
/// <para>Inputs: the sequences, the initial carries (except <see cref="ZeroInitCarries"/>, which start at
/// zeros of the carry's shape, its unknown leading dimension being the batch), then <see cref="LoopBody.Captures"/>.</para>
/// <para>Elements: the stacked results <c>(batch, T, ...)</c> (position <c>T−1−i</c> where
/// <see cref="ReverseStacked"/> is set), the final carries, the carries as each iteration received them stacked
/// along time (what backprop reads), and the summed results.</para>
/// <para><see cref="StackedValueOp"/> projections read any other body value stacked along time (what backprop
/// keeps); the compiler adds them to the loop's outputs. The gradient is another loop (<see cref="LoopGradient"/>).</para>
/// The runtime compiles the body into a nested plan and runs it T times, passing the iteration (T−1−i when
/// <see cref="CountDown"/>) to kernels, so random ops in the body draw afresh per step and a gradient loop
/// replays the draws of the step it differentiates.
/// </summary>
public sealed record LoopOp(LoopBody Body, ValueArray<bool> ReverseSequences, ValueArray<bool> ReverseStacked,
    ValueArray<bool> ZeroInitCarries, bool CountDown) : TupleOp
{
    private int K => Body.SequenceParams.Count;
    private int N => Body.CarryParams.Count;
    private int M => Body.StackedResults.Count;

    /// <summary>Builds a loop node over <paramref name="body"/>; the captures are appended to the inputs.</summary>
    /// <exception cref="GraphException">a sequence or initial carry does not fit its parameter.</exception>
    public static Node Build(LoopBody body, IReadOnlyList<Node> sequences, IReadOnlyList<Node?> initialCarries,
        IReadOnlyList<bool> reverseSequences, IReadOnlyList<bool> reverseStacked, bool countDown = false, string name = "Loop")
    {
        if (sequences.Count == 0 || sequences.Count != body.SequenceParams.Count)
            throw new ArgumentException($"Loop: the body has {body.SequenceParams.Count} sequence parameters; {sequences.Count} sequences were given (at least one is needed).");
        if (initialCarries.Count != body.CarryParams.Count)
            throw new ArgumentException($"Loop: the body has {body.CarryParams.Count} carries; {initialCarries.Count} initial values were given.");
        var op = new LoopOp(body, reverseSequences.ToArray(), reverseStacked.ToArray(), initialCarries.Select(c => c is null).ToArray(), countDown);
        Node[] inputs = [.. sequences, .. initialCarries.OfType<Node>(), .. body.Captures];
        return sequences[0].Graph.AddNode(op, inputs, name);
    }

    /// <summary>The time axis of a value of rank <paramref name="rank"/>: 1, or 0 for rank 1.</summary>
    public static int TimeAxis(int rank) => rank >= 2 ? 1 : 0;

    /// <summary>Number of initial-carry inputs (carries not zero-initialized).</summary>
    public int InitInputCount => ZeroInitCarries.Count(z => !z);

    /// <summary>Input index of carry j's initial value, or −1 when it starts at zeros.</summary>
    public int InitInput(int carry) => ZeroInitCarries[carry] ? -1 : K + ZeroInitCarries.Take(carry).Count(z => !z);

    /// <summary>Input index of capture j.</summary>
    public int CaptureInput(int capture) => K + InitInputCount + capture;

    /// <summary>Element index of stacked result j.</summary>
    public int StackedElement(int j) => j;

    /// <summary>Element index of carry j's final value.</summary>
    public int FinalCarryElement(int j) => M + j;

    /// <summary>Element index of carry j's per-iteration input values stacked along time.</summary>
    public int CarryStackElement(int j) => M + N + j;

    /// <summary>Element index of summed result j.</summary>
    public int SummedElement(int j) => M + 2 * N + j;

    /// <summary>Number of tuple elements: stacked results, final carries, carry stacks, summed results.</summary>
    public int ElementCount => M + 2 * N + Body.SummedResults.Count;

    /// <summary>A loop is pure when every op of its body is.</summary>
    public override bool IsPure => Body.Nodes.All(n => n.Op.IsPure);

    /// <inheritdoc/>
    public override TensorType[] InferTupleTypes(ReadOnlySpan<TensorType> inputs)
    {
        int expected = K + InitInputCount + Body.Captures.Count;
        if (inputs.Length != expected)
            throw new ShapeRuleException($"expects {expected} inputs ({K} sequences, {InitInputCount} initial carries, {Body.Captures.Count} captures), got {inputs.Length}.");
        if (ReverseSequences.Count != K || ReverseStacked.Count != M || ZeroInitCarries.Count != N)
            throw new ShapeRuleException("has flags that do not match its body's sequences, stacked results or carries.");
        int? steps = null;
        for (int j = 0; j < K; j++)
        {
            var (sequence, param) = (inputs[j], Body.SequenceParams[j].Type);
            if (sequence.Shape.Rank < 1) throw new ShapeRuleException($"input {j} (a sequence) must have a time axis, got {sequence}.");
            int? length = sequence.Shape[TimeAxis(sequence.Shape.Rank)];
            if (length is { } l && steps is { } s && l != s)
                throw new ShapeRuleException($"input {j} has {l} steps but an earlier sequence has {s}.");
            steps ??= length;
            if (sequence.DType != param.DType || !SliceFits(SliceShape(sequence.Shape), param.Shape))
                throw new ShapeRuleException($"input {j} of type {sequence} gives steps of shape {SliceShape(sequence.Shape)}, which do not fit the step parameter {param}.");
        }
        var finals = new TensorType[N];
        for (int j = 0; j < N; j++)
        {
            var param = Body.CarryParams[j].Type;
            int input = InitInput(j);
            if (input < 0)
            {
                for (int d = 1; d < param.Shape.Rank; d++)
                    if (param.Shape[d] is null)
                        throw new ShapeRuleException($"carry {j} starts at zeros, so its shape {param.Shape} must be known but for the batch dimension.");
                finals[j] = param;
                continue;
            }
            var init = inputs[input];
            if (init.DType != param.DType || !LoopBody.Compatible(init.Shape, param.Shape))
                throw new ShapeRuleException($"input {input} (initial value of carry {j}) is {init}; the step expects {param}.");
            finals[j] = init;
        }
        return
        [
            .. Body.StackedResults.Select(r => new TensorType(r.DType, StackShape(r.Shape, steps))),
            .. finals,
            .. finals.Select(f => new TensorType(f.DType, StackShape(f.Shape, steps))),
            .. Body.SummedResults.Select(r => r.Type),
        ];
    }

    /// <summary>A sequence's shape without its time axis.</summary>
    public static Shape SliceShape(Shape sequence)
    {
        var dims = sequence.Dims.ToList();
        dims.RemoveAt(TimeAxis(sequence.Rank));
        return new Shape([.. dims]);
    }

    /// <summary>A per-step shape with the time axis inserted.</summary>
    public static Shape StackShape(Shape step, int? steps)
    {
        var dims = step.Dims.ToList();
        dims.Insert(TimeAxis(step.Rank + 1), steps);
        return new Shape([.. dims]);
    }

    /// <summary>
    /// A slice fits a parameter of its shape, or of its shape with trailing 1s: a (batch, time) mask then reaches
    /// the step as a (batch, 1) column that broadcasts against (batch, units).
    /// </summary>
    public static bool SliceFits(Shape slice, Shape param)
    {
        if (param.Rank < slice.Rank) return false;
        for (int d = 0; d < param.Rank; d++)
        {
            int? p = param[d], s = d < slice.Rank ? slice[d] : 1;
            if (p is { } a && s is { } b && a != b) return false;
        }
        return true;
    }

    /// <summary>The gradient loop: the body's gradient run backwards in time (see <see cref="LoopGradient"/>).</summary>
    public override Node?[] Gradient(Node node, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator) =>
        LoopGradient.Build(node, this, projectionGradients, differentiator);

    /// <inheritdoc/>
    public override string AttributeText =>
        string.Create(CultureInfo.InvariantCulture, $"sequences={K}, carries={N}, stacked={M}, summed={Body.SummedResults.Count}, body={Body.Nodes.Count}")
        + (ReverseSequences.Any(r => r) ? ", reverse" : "") + (CountDown ? ", count_down" : "");
}
