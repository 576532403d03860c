using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// The gradient of <see cref="StridedSliceOp"/>: inputs (g, x); the result has x's shape (x's values are not
/// read), zero everywhere except the sliced positions, which hold g. Linear in g, so its own gradient is the
/// strided slice of the incoming gradient.
/// </summary>
public sealed record StridedSliceGradOp(SliceSpec Spec) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs (gradient, sliced value), got {inputs.Length}.");
        var (g, x) = (inputs[0], inputs[1]);
        var sliced = Spec.ResultShape(x.Shape);
        bool fits = g.Shape.Rank == sliced.Rank;
        for (int i = 0; fits && i < sliced.Rank; i++) fits = g.Shape[i] is not { } a || sliced[i] is not { } b || a == b;
        if (!fits) throw new ShapeRuleException($"input 0 of shape {g.Shape} is not the shape {sliced} of the slice of input 1 (shape {x.Shape}).");
        return new(g.DType, x.Shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        Array.Clear(output.Data, 0, output.Length);
        Span<int> size = stackalloc int[output.Rank], strides = stackalloc int[output.Rank];
        int offset = Spec.View(output.Dims, size, strides);
        StridedCopy.Scatter(inputs[0], output, offset, size, strides);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Apply(new StridedSliceOp(Spec), outputGradient), null];

    /// <inheritdoc/>
    public override string AttributeText => Spec.ToString();
}
