using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Base of elementwise unary ops that also make sense on integers (abs, sign, square, clip): float32, float64,
/// int32 and int64 share one generic kernel over <see cref="INumber{T}"/>; the result has x's type.
/// </summary>
public abstract record NumericUnaryOp : UnaryOp
{
    /// <summary>Applies f to every element.</summary>
    protected abstract void ApplyNumber<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>;

    /// <inheritdoc/>
    protected sealed override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => ApplyNumber(x, y);

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        if (inputs[0].DType == DType.Bool) throw new ShapeRuleException($"input 0 is {inputs[0]}; {Type} needs numbers.");
        return inputs[0];
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType)
        {
            case DType.Float32: ApplyNumber<float>(inputs[0].Span<float>(), output.Span<float>()); break;
            case DType.Float64: ApplyNumber<double>(inputs[0].Span<double>(), output.Span<double>()); break;
            case DType.Int32: ApplyNumber<int>(inputs[0].Span<int>(), output.Span<int>()); break;
            default: ApplyNumber<long>(inputs[0].Span<long>(), output.Span<long>()); break;
        }
    }
}

/// <summary><c>y = |x|</c>; dy/dx = sign(x) (0 at 0, as TF).</summary>
public sealed record AbsOp : NumericUnaryOp
{
    protected override void ApplyNumber<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Abs(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Mul(outputGradient, G.Sign(node.Inputs[0]))];
}

/// <summary><c>y = sign(x)</c> ∈ {−1, 0, 1} (NaN stays NaN); piecewise constant, so the gradient is zeros (TF).</summary>
public sealed record SignOp : NumericUnaryOp
{
    protected override void ApplyNumber<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = v > T.Zero ? T.One : v < T.Zero ? -T.One : v;
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.ZerosLike(node.Inputs[0])];
}

/// <summary><c>y = x²</c>; dy/dx = 2x.</summary>
public sealed record SquareOp : NumericUnaryOp
{
    protected override void ApplyNumber<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Multiply(x, x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Mul(outputGradient, G.Mul(node.Inputs[0], 2.0))];
}

/// <summary>
/// <c>y = min(max(x, Min), Max)</c> (TF's <c>clip_by_value</c>; the builder applies Keras's rule that Max &lt; Min
/// means Max = Min). Integer inputs clip to [⌈Min⌉, ⌊Max⌋]. The gradient passes where Min ≤ x ≤ Max, as TF's.
/// </summary>
public sealed record ClipOp(double Min, double Max) : NumericUnaryOp
{
    protected override void ApplyNumber<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        bool integer = typeof(T) == typeof(int) || typeof(T) == typeof(long);
        T lo = T.CreateSaturating(integer ? Math.Ceiling(Min) : Min), hi = T.CreateSaturating(integer ? Math.Floor(Max) : Max);
        // No integer may lie inside fractional bounds (clip to [0.2, 0.7]); Clamp needs lo ≤ hi, so pin to lo.
        TensorPrimitives.Clamp(x, lo, T.Max(lo, hi), y);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var x = node.Inputs[0];
        var inside = G.LogicalAnd(G.GreaterEqual(x, Min), G.LessEqual(x, Max));
        return [G.Where(inside, outputGradient, G.ScalarLike(outputGradient, 0))];
    }

    /// <inheritdoc/>
    public override string AttributeText => FormattableString.Invariant($"min={Min}, max={Max}");
}
