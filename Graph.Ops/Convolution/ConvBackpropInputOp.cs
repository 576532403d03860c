using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// The gradient of <see cref="ConvOp"/> with respect to its input (TF's Conv2DBackpropInput, a transposed
/// convolution): inputs dy (the forward output's shape), the kernel, and the forward input (only its shape is read —
/// with strides several input sizes give one output size).
/// <c>dx[n, ih, iw, c] = Σ dy[n, oh, ow, o]·w[kh, kw, c, o]</c> over ih = oh·SH + kh·DH − pad_top, iw likewise.
/// It is linear in (dy, w): ∂/∂dy = conv(g, w), ∂/∂w = <see cref="ConvBackpropFilterOp"/>(g, dy).
/// </summary>
public sealed record ConvBackpropInputOp(int Rank, (int H, int W) Strides, Padding Padding, (int H, int W) Dilation) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        ConvRules.Count(inputs, 3, "output gradient, kernel, forward input");
        var (window, outChannels) = ConvRules.Kernel(Rank, inputs[2], 2, inputs[1], 1);
        var forward = WindowGeometry.OutputShape(inputs[2].Shape, 2, Rank, window, Strides, Dilation, Padding, outChannels);
        ConvRules.Matches(inputs[0], 0, forward, inputs[1].DType);
        return new(inputs[1].DType, inputs[2].Shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var (kh, kw) = ConvRules.Window(Rank, inputs[1]);
        var g = WindowGeometry.Of(output.Dims, kh, kw, Strides, Dilation, Padding);
        int outChannels = inputs[1].Dims[^1];
        if (output.DType == DType.Float32) ConvKernels.BackpropInput<float>(g, inputs[0].Span<float>(), inputs[1].Span<float>(), output.Span<float>(), outChannels);
        else ConvKernels.BackpropInput<double>(g, inputs[0].Span<double>(), inputs[1].Span<double>(), output.Span<double>(), outChannels);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (dy, w) = (node.Inputs[0], node.Inputs[1]);
        return
        [
            G.Apply(new ConvOp(Rank, Strides, Padding, Dilation), outputGradient, w),
            G.Apply(new ConvBackpropFilterOp(Rank, Strides, Padding, Dilation), outputGradient, dy, w),
            null,
        ];
    }

    /// <inheritdoc/>
    public override string AttributeText => ConvRules.Text(Rank, Strides, Padding, Dilation);
}
