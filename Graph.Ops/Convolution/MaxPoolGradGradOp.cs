using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// The gradient of <see cref="MaxPoolGradOp"/> with respect to dy (TF's MaxPoolGradGrad): inputs x and g (x's
/// shape); <c>y[o] = g[argmax(o)]</c>, the value of g at each window's first maximum of x. Linear in g: ∂/∂g is
/// <see cref="MaxPoolGradOp"/>(x, dy); ∂/∂x is zero almost everywhere.
/// </summary>
public sealed record MaxPoolGradGradOp(int Rank, (int H, int W) Window, (int H, int W) Strides, Padding Padding) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        ConvRules.Count(inputs, 2, "forward input, input-shaped gradient");
        ConvRules.Matches(inputs[1], 1, inputs[0].Shape, inputs[0].DType);
        return new(inputs[0].DType, PoolRules.Pooled(Rank, inputs[0], 0, Window, Strides, Padding));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var g = PoolRules.Geometry(inputs[0].Dims, Window, Strides, Padding);
        if (output.DType == DType.Float32) PoolKernels.MaxGather<float>(g, inputs[0].Span<float>(), inputs[1].Span<float>(), output.Span<float>());
        else PoolKernels.MaxGather<double>(g, inputs[0].Span<double>(), inputs[1].Span<double>(), output.Span<double>());
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [null, G.Apply(new MaxPoolGradOp(Rank, Window, Strides, Padding), node.Inputs[0], outputGradient)];

    /// <inheritdoc/>
    public override string AttributeText => PoolRules.Text(Rank, Window, Strides, Padding);
}
