using Graph.Core;
using Graph.Ops.Kernels;

namespace Graph.Ops.Linalg;

/// <summary>
/// A dense layer's <c>act(x·W + b)</c> for rank-2 x, with act the identity or ReLU (<paramref name="Relu"/>);
/// inputs x (m×k), W (k×n), b (n). ∂/∂z = act'(z)·g with z the pre-activation (ReLU: g where y &gt; 0),
/// ∂/∂x = ∂z·Wᵀ, ∂/∂W = xᵀ·∂z, ∂/∂b = Σ_rows ∂z.
/// NOTE: fused for speed: the bias and the ReLU run in the GEMM's epilogue while the output tile is in cache,
/// instead of two more passes over the activations (MLP inference and training).
/// </summary>
public sealed record DenseOp(bool Relu) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 3) throw new ShapeRuleException($"expects 3 inputs (x, kernel, bias), got {inputs.Length}.");
        var (x, w, b) = (inputs[0], inputs[1], inputs[2]);
        if (!x.DType.IsFloating() || w.DType != x.DType || b.DType != x.DType)
            throw new ShapeRuleException($"inputs must share a float dtype, got {x}, {w} and {b}.");
        if (x.Shape.Rank != 2 || w.Shape.Rank != 2 || b.Shape.Rank != 1)
            throw new ShapeRuleException($"needs x rank 2, kernel rank 2 and bias rank 1; got {x.Shape}, {w.Shape}, {b.Shape}.");
        if (x.Shape[1] is { } k && w.Shape[0] is { } kw && k != kw)
            throw new ShapeRuleException($"input 0 of shape {x.Shape} does not fit input 1 (kernel) of shape {w.Shape}.");
        if (w.Shape[1] is { } n && b.Shape[0] is { } nb && n != nb)
            throw new ShapeRuleException($"input 2 (bias) of shape {b.Shape} does not fit input 1 (kernel) of shape {w.Shape}.");
        return new(x.DType, new Shape(x.Shape[0], w.Shape[1] ?? b.Shape[0]));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var (x, w, b) = (inputs[0], inputs[1], inputs[2]);
        int m = output.Dims[0], n = output.Dims[1], k = x.Dims[1];
        var activation = Relu ? GemmActivation.Relu : GemmActivation.None;
        if (output.DType == DType.Float32)
            Gemm.Multiply(false, false, m, n, k, x.Span<float>(), Math.Max(k, 1), w.Span<float>(), Math.Max(n, 1), output.Span<float>(), Math.Max(n, 1),
                epilogue: new GemmEpilogue<float>(b.Span<float>(), activation));
        else
            Gemm.Multiply(false, false, m, n, k, x.Span<double>(), Math.Max(k, 1), w.Span<double>(), Math.Max(n, 1), output.Span<double>(), Math.Max(n, 1),
                epilogue: new GemmEpilogue<double>(b.Span<double>(), activation));
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (x, w, b) = (node.Inputs[0], node.Inputs[1], node.Inputs[2]);
        // ReLU(z) > 0 exactly where z > 0, so the output selects the gradient as the pre-activation would.
        var dz = Relu ? G.ReluGrad(outputGradient, node) : outputGradient;
        return [G.MatMul(dz, w, false, true), G.MatMul(x, dz, true, false), G.SumToShape(dz, b)];
    }

    /// <inheritdoc/>
    public override string AttributeText => Relu ? "relu" : "linear";
}
