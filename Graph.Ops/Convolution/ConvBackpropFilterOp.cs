using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// The gradient of <see cref="ConvOp"/> with respect to its kernel (TF's Conv2DBackpropFilter): inputs x, dy (the
/// forward output's shape) and the kernel (only its shape is read).
/// <c>dw[kh, kw, c, o] = Σ_{n,oh,ow} x[n, oh·SH + kh·DH − pad_top, ow·SW + kw·DW − pad_left, c]·dy[n, oh, ow, o]</c>.
/// It is linear in (x, dy): ∂/∂x = <see cref="ConvBackpropInputOp"/>(dy, g), ∂/∂dy = conv(x, g).
/// </summary>
public sealed record ConvBackpropFilterOp(int Rank, (int H, int W) Strides, Padding Padding, (int H, int W) Dilation) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        ConvRules.Count(inputs, 3, "forward input, output gradient, kernel");
        var (window, outChannels) = ConvRules.Kernel(Rank, inputs[0], 0, inputs[2], 2);
        var forward = WindowGeometry.OutputShape(inputs[0].Shape, 0, Rank, window, Strides, Dilation, Padding, outChannels);
        ConvRules.Matches(inputs[1], 1, forward, inputs[0].DType);
        return new(inputs[0].DType, inputs[2].Shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var (kh, kw) = ConvRules.Window(Rank, output);
        var g = WindowGeometry.Of(inputs[0].Dims, kh, kw, Strides, Dilation, Padding);
        int outChannels = output.Dims[^1];
        if (output.DType == DType.Float32) ConvKernels.BackpropFilter<float>(g, inputs[0].Span<float>(), inputs[1].Span<float>(), output.Span<float>(), outChannels);
        else ConvKernels.BackpropFilter<double>(g, inputs[0].Span<double>(), inputs[1].Span<double>(), output.Span<double>(), outChannels);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (x, dy) = (node.Inputs[0], node.Inputs[1]);
        return
        [
            G.Apply(new ConvBackpropInputOp(Rank, Strides, Padding, Dilation), dy, outputGradient, x),
            G.Apply(new ConvOp(Rank, Strides, Padding, Dilation), x, outputGradient),
            null,
        ];
    }

    /// <inheritdoc/>
    public override string AttributeText => ConvRules.Text(Rank, Strides, Padding, Dilation);
}
