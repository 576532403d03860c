using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// Average pooling, channels last, 1-D (<paramref name="Rank"/> = 1, x (N, W, C)) or 2-D (x (N, H, W, C)):
/// <c>y[n, oh, ow, c] = (1/count)·Σ x[n, oh·SH + kh − pad_top, ow·SW + kw − pad_left, c]</c> over the window positions
/// inside x, count being their number (TF's "same": padding is not averaged in). ∂/∂x is
/// <see cref="AvgPoolGradOp"/>.
/// </summary>
public sealed record AvgPoolOp(int Rank, (int H, int W) Window, (int H, int W) Strides, Padding Padding) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        ConvRules.Count(inputs, 1, "input");
        return new(inputs[0].DType, PoolRules.Pooled(Rank, inputs[0], 0, Window, Strides, Padding));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var g = PoolRules.Geometry(inputs[0].Dims, Window, Strides, Padding);
        if (output.DType == DType.Float32) PoolKernels.AvgForward<float>(g, inputs[0].Span<float>(), output.Span<float>());
        else PoolKernels.AvgForward<double>(g, inputs[0].Span<double>(), output.Span<double>());
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Apply(new AvgPoolGradOp(Rank, Window, Strides, Padding), outputGradient, node.Inputs[0])];

    /// <inheritdoc/>
    public override string AttributeText => PoolRules.Text(Rank, Window, Strides, Padding);
}
