using System.Numerics;
using System.Runtime.InteropServices;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Base of float elementwise unary ops <c>y = f(x)</c>: the result has x's type; float32 and float64 kernels are
/// one generic method over TensorPrimitives-style spans.
/// </summary>
public abstract record UnaryOp : KernelOp
{
    /// <summary>Applies f to every element.</summary>
    protected abstract void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        if (!inputs[0].DType.IsFloating())
            throw new ShapeRuleException($"input 0 must be float32 or float64, got {inputs[0]}.");
        return inputs[0];
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        if (output.DType == DType.Float32) Apply<float>(inputs[0].Span<float>(), output.Span<float>());
        else Apply<double>(inputs[0].Span<double>(), output.Span<double>());
    }
}

/// <summary><c>y = tanh(x)</c>; dy/dx = 1 − y².</summary>
public sealed record TanhOp : UnaryOp
{
    /// <inheritdoc/>
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        // float32 uses the faster FastMath kernel (relative error 1.6e-7, tested against the exact function).
        if (typeof(T) == typeof(float)) Kernels.FastMath.Tanh(SpanCast.As<T, float>(x), SpanCast.As<T, float>(y));
        else System.Numerics.Tensors.TensorPrimitives.Tanh(x, y);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Mul(outputGradient, G.Sub(G.ScalarLike(node, 1), G.Mul(node, node)))];
}

/// <summary><c>y = floor(x)</c>; piecewise constant, so no gradient (as TF).</summary>
public sealed record FloorOp : UnaryOp
{
    /// <inheritdoc/>
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => System.Numerics.Tensors.TensorPrimitives.Floor(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}

/// <summary><c>y = −x</c>.</summary>
public sealed record NegOp : UnaryOp
{
    /// <inheritdoc/>
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => System.Numerics.Tensors.TensorPrimitives.Negate(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Neg(outputGradient)];
}

/// <summary>Reinterpretation helpers for kernels whose generic code needs a concrete element type.</summary>
internal static class SpanCast
{
    public static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> s) where TFrom : struct where TTo : struct => MemoryMarshal.Cast<TFrom, TTo>(s);
    public static Span<TTo> As<TFrom, TTo>(Span<TFrom> s) where TFrom : struct where TTo : struct => MemoryMarshal.Cast<TFrom, TTo>(s);
}
