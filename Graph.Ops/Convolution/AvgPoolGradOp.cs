using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// The gradient of <see cref="AvgPoolOp"/> (TF's AvgPoolGrad): inputs dy (the pooled shape) and the forward input
/// (only its shape is read); <c>dx[i] = Σ dy[o]/count(o)</c> over the windows o that contain element i. It is the
/// adjoint of average pooling, so its own gradient with respect to dy is average pooling of g.
/// </summary>
public sealed record AvgPoolGradOp(int Rank, (int H, int W) Window, (int H, int W) Strides, Padding Padding) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        ConvRules.Count(inputs, 2, "output gradient, forward input");
        ConvRules.Matches(inputs[0], 0, PoolRules.Pooled(Rank, inputs[1], 1, Window, Strides, Padding), inputs[1].DType);
        return inputs[1];
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var g = PoolRules.Geometry(output.Dims, Window, Strides, Padding);
        if (output.DType == DType.Float32) PoolKernels.AvgBackward<float>(g, inputs[0].Span<float>(), output.Span<float>());
        else PoolKernels.AvgBackward<double>(g, inputs[0].Span<double>(), output.Span<double>());
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Apply(new AvgPoolOp(Rank, Window, Strides, Padding), outputGradient), null];

    /// <inheritdoc/>
    public override string AttributeText => PoolRules.Text(Rank, Window, Strides, Padding);
}
