using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.strided_slice(x, begin, end, strides, masks…)</c> with TF's exact mask semantics (see
/// <see cref="SliceSpec"/>); any dtype. The result is a strided view of x copied densely. The gradient scatters
/// the output gradient back into zeros of x's shape (<see cref="StridedSliceGradOp"/>).
/// </summary>
public sealed record StridedSliceOp(SliceSpec Spec) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        if (inputs[0].Shape.Rank > StridedCopy.MaxRank) throw new ShapeRuleException($"input 0 has rank {inputs[0].Shape.Rank} > {StridedCopy.MaxRank}.");
        return new(inputs[0].DType, Spec.ResultShape(inputs[0].Shape));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var x = inputs[0];
        Span<int> size = stackalloc int[x.Rank], strides = stackalloc int[x.Rank];
        int offset = Spec.View(x.Dims, size, strides);
        StridedCopy.Gather(x, offset, size, strides, output);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Apply(new StridedSliceGradOp(Spec), outputGradient, node.Inputs[0])];

    /// <inheritdoc/>
    public override string AttributeText => Spec.ToString();
}
