using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>
/// The broadcast back of a reduction: input 0 is a value shaped like the reduction of input 1 over
/// <see cref="ReductionOp.Axes"/> (with or without kept dims); the result has input 1's shape, each element taking
/// the value of its reduced position. Only input 1's shape is read. Gradients of reductions use it; its own
/// gradient is the sum over the same axes.
/// </summary>
public sealed record ExpandToShapeOp(ValueArray<int>? Axes = null, bool KeepDims = false) : ReductionOp(Axes, KeepDims)
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs (value, shape target), got {inputs.Length}.");
        var (g, like) = (inputs[0], inputs[1]);
        var expected = ReductionAxes.ReducedShape(Axes, like.Shape, KeepDims);
        bool fits = expected.Rank == g.Shape.Rank;
        for (int i = 0; fits && i < expected.Rank; i++)
            fits = expected[i] is not { } e || g.Shape[i] is not { } d || e == d;
        if (!fits)
            throw new ShapeRuleException($"input 0 of shape {g.Shape} is not input 1's shape {like.Shape} reduced over {AttributeText} (expected {expected}).");
        return new(g.DType, like.Shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType)
        {
            case DType.Float32: Run<float>(inputs[0], output); break;
            case DType.Float64: Run<double>(inputs[0], output); break;
            case DType.Int32: Run<int>(inputs[0], output); break;
            case DType.Int64: Run<long>(inputs[0], output); break;
            default: Run<bool>(inputs[0], output); break;
        }
    }

    private void Run<T>(TensorBuffer g, TensorBuffer y)
    {
        if (y.Length == 0) return;
        Span<bool> reduced = stackalloc bool[y.Rank];
        ReductionAxes.Mark(Axes, y.Rank, reduced);
        var visitor = new Visitor<T> { G = g.Span<T>(), Y = y.Span<T>() };
        ReductionAxes.Walk(y.Dims, reduced, ref visitor);
    }

    private ref struct Visitor<T> : ReductionAxes.IRunVisitor
    {
        public ReadOnlySpan<T> G;
        public Span<T> Y;

        public void Visit(int full, int reduced, int length, bool reducedRun)
        {
            if (reducedRun) Y.Slice(full, length).Fill(G[reduced]);
            else G.Slice(reduced, length).CopyTo(Y.Slice(full, length));
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Sum(outputGradient, Axes?.ToArray(), KeepDims), null];
}
