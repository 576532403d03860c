using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// Keras/TF convolution (cross-correlation), channels last, 1-D (<paramref name="Rank"/> = 1: x (N, W, C), kernel
/// (KW, C, O)) or 2-D (x (N, H, W, C), kernel (KH, KW, C, O)):
/// <c>y[n, oh, ow, o] = Σ_{kh,kw,c} x[n, oh·SH + kh·DH − pad_top, ow·SW + kw·DW − pad_left, c]·w[kh, kw, c, o]</c>,
/// reading zero outside x; padding as <see cref="Padding"/> (TF's asymmetric "same"). A 1-D op is the 2-D one with
/// height 1 (its strides/dilation have H = 1). ∂/∂x is <see cref="ConvBackpropInputOp"/>, ∂/∂w
/// <see cref="ConvBackpropFilterOp"/>.
/// </summary>
public sealed record ConvOp(int Rank, (int H, int W) Strides, Padding Padding, (int H, int W) Dilation) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        ConvRules.Count(inputs, 2, "input, kernel");
        var (window, outChannels) = ConvRules.Kernel(Rank, inputs[0], 0, inputs[1], 1);
        return new(inputs[0].DType, WindowGeometry.OutputShape(inputs[0].Shape, 0, Rank, window, Strides, Dilation, Padding, outChannels));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var (kh, kw) = ConvRules.Window(Rank, inputs[1]);
        var g = WindowGeometry.Of(inputs[0].Dims, kh, kw, Strides, Dilation, Padding);
        int outChannels = inputs[1].Dims[^1];
        if (output.DType == DType.Float32) ConvKernels.Forward<float>(g, inputs[0].Span<float>(), inputs[1].Span<float>(), output.Span<float>(), outChannels);
        else ConvKernels.Forward<double>(g, inputs[0].Span<double>(), inputs[1].Span<double>(), output.Span<double>(), outChannels);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (x, w) = (node.Inputs[0], node.Inputs[1]);
        return
        [
            G.Apply(new ConvBackpropInputOp(Rank, Strides, Padding, Dilation), outputGradient, w, x),
            G.Apply(new ConvBackpropFilterOp(Rank, Strides, Padding, Dilation), x, outputGradient, w),
        ];
    }

    /// <inheritdoc/>
    public override string AttributeText => ConvRules.Text(Rank, Strides, Padding, Dilation);
}
