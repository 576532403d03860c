using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// The gradient of <see cref="MaxPoolOp"/> (TF's MaxPoolGrad): inputs x and dy (the pooled shape);
/// <c>dx[i] = Σ dy[o]</c> over the windows o whose first maximum is element i. Linear in dy, piecewise constant in
/// x: ∂/∂dy gathers g at the maxima (<see cref="MaxPoolGradGradOp"/>), ∂/∂x is zero almost everywhere.
/// </summary>
public sealed record MaxPoolGradOp(int Rank, (int H, int W) Window, (int H, int W) Strides, Padding Padding) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        ConvRules.Count(inputs, 2, "forward input, output gradient");
        ConvRules.Matches(inputs[1], 1, PoolRules.Pooled(Rank, inputs[0], 0, Window, Strides, Padding), inputs[0].DType);
        return inputs[0];
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var g = PoolRules.Geometry(inputs[0].Dims, Window, Strides, Padding);
        if (output.DType == DType.Float32) PoolKernels.MaxBackward<float>(g, inputs[0].Span<float>(), inputs[1].Span<float>(), output.Span<float>());
        else PoolKernels.MaxBackward<double>(g, inputs[0].Span<double>(), inputs[1].Span<double>(), output.Span<double>());
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [null, G.Apply(new MaxPoolGradGradOp(Rank, Window, Strides, Padding), node.Inputs[0], outputGradient)];

    /// <inheritdoc/>
    public override string AttributeText => PoolRules.Text(Rank, Window, Strides, Padding);
}
