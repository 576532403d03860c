using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// <c>aᵇ</c> elementwise with broadcasting, float only; ∂/∂a = g·b·a^(b−1), ∂/∂b = g·y·ln a where a &gt; 0, else 0
/// (TF's rule, which keeps the exponent's gradient finite for non-positive bases).
/// </summary>
public sealed record PowOp : BinaryOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        var type = base.InferType(inputs);
        if (!type.DType.IsFloating()) throw new ShapeRuleException($"inputs are {type.DType.Name()}; Pow needs float32 or float64.");
        return type;
    }

    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d)
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.Pow(SpanCast.As<T, float>(a), SpanCast.As<T, float>(b), SpanCast.As<T, float>(d));
        else TensorPrimitives.Pow(SpanCast.As<T, double>(a), SpanCast.As<T, double>(b), SpanCast.As<T, double>(d));
    }

    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d)
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.Pow(SpanCast.As<T, float>(a), (float)(object)b, SpanCast.As<T, float>(d));
        else TensorPrimitives.Pow(SpanCast.As<T, double>(a), (double)(object)b, SpanCast.As<T, double>(d));
    }

    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d)
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.Pow((float)(object)a, SpanCast.As<T, float>(b), SpanCast.As<T, float>(d));
        else TensorPrimitives.Pow((double)(object)a, SpanCast.As<T, double>(b), SpanCast.As<T, double>(d));
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (a, b, g) = (node.Inputs[0], node.Inputs[1], outputGradient);
        var da = G.Mul(G.Mul(g, b), G.Pow(a, G.Sub(b, G.ScalarLike(b, 1))));
        var logA = G.Where(G.Greater(a, 0.0), G.Log(a), G.ScalarLike(a, 0));
        var db = G.Mul(G.Mul(g, node), logA);
        return [G.SumToShape(da, a), G.SumToShape(db, b)];
    }
}

/// <summary>
/// <c>max(a, b)</c> elementwise with broadcasting (NaN propagates); the gradient goes to a where a ≥ b, else to b (TF).
/// </summary>
public sealed record MaximumOp : BinaryOp
{
    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Max(a, b, d);
    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Max(a, b, d);
    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Max(b, a, d);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        RouteByMask(node, outputGradient, G.GreaterEqual(node.Inputs[0], node.Inputs[1]));

    /// <summary>g where the mask holds goes to a, the rest to b, each summed back to its input's shape.</summary>
    internal static Node?[] RouteByMask(Node node, Node g, Node mask)
    {
        var zero = G.ScalarLike(g, 0);
        return [G.SumToShape(G.Where(mask, g, zero), node.Inputs[0]), G.SumToShape(G.Where(mask, zero, g), node.Inputs[1])];
    }
}

/// <summary>
/// <c>min(a, b)</c> elementwise with broadcasting (NaN propagates); the gradient goes to a where a ≤ b, else to b (TF).
/// </summary>
public sealed record MinimumOp : BinaryOp
{
    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Min(a, b, d);
    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Min(a, b, d);
    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Min(b, a, d);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        MaximumOp.RouteByMask(node, outputGradient, G.LessEqual(node.Inputs[0], node.Inputs[1]));
}

/// <summary><c>(a − b)²</c> elementwise with broadcasting; ∂/∂a = 2g(a − b), ∂/∂b = −2g(a − b).</summary>
public sealed record SquaredDifferenceOp : BinaryOp
{
    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d)
    {
        TensorPrimitives.Subtract(a, b, d);
        TensorPrimitives.Multiply(d, d, d);
    }

    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d)
    {
        TensorPrimitives.Subtract(a, b, d);
        TensorPrimitives.Multiply(d, d, d);
    }

    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d)
    {
        TensorPrimitives.Subtract(a, b, d);
        TensorPrimitives.Multiply(d, d, d);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (a, b) = (node.Inputs[0], node.Inputs[1]);
        var scaled = G.Mul(G.Mul(outputGradient, G.Sub(a, b)), 2.0);
        return [G.SumToShape(scaled, a), G.SumToShape(G.Neg(scaled), b)];
    }
}
