using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary><c>y = eˣ</c>; dy/dx = y.</summary>
public sealed record ExpOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Exp(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Mul(outputGradient, node)];
}

/// <summary><c>y = ln x</c>; dy/dx = 1/x.</summary>
public sealed record LogOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Log(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Div(outputGradient, node.Inputs[0])];
}

/// <summary><c>y = ln(1 + x)</c>, accurate for tiny x; dy/dx = 1/(1 + x).</summary>
public sealed record Log1pOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = Accurate(x[i]);
    }

    /// <summary>
    /// ln(1 + x) without the cancellation of the naive form: with u = 1 + x rounded, ln(u)·x/(u − 1) corrects the
    /// rounding of u (Goldberg's trick), and u = 1 means x is below half an ulp of 1, where ln(1 + x) = x.
    /// </summary>
    internal static T Accurate<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One) return x;
        if (T.IsPositiveInfinity(u)) return u;
        return T.Log(u) * x / (u - T.One);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Div(outputGradient, G.Add(node.Inputs[0], 1.0))];
}

/// <summary><c>y = √x</c>; dy/dx = 1/(2y).</summary>
public sealed record SqrtOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sqrt(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Div(G.Mul(outputGradient, 0.5), node)];
}

/// <summary><c>y = 1/√x</c>; dy/dx = −y³/2.</summary>
public sealed record RsqrtOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.ReciprocalSqrt(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Mul(G.Mul(outputGradient, G.Mul(node, G.Square(node))), -0.5)];
}

/// <summary><c>y = 1/x</c>; dy/dx = −y².</summary>
public sealed record ReciprocalOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Reciprocal(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Neg(G.Mul(outputGradient, G.Square(node)))];
}

/// <summary><c>y = sin x</c>; dy/dx = cos x.</summary>
public sealed record SinOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sin(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Mul(outputGradient, G.Cos(node.Inputs[0]))];
}

/// <summary><c>y = cos x</c>; dy/dx = −sin x.</summary>
public sealed record CosOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Cos(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Neg(G.Mul(outputGradient, G.Sin(node.Inputs[0])))];
}

/// <summary><c>y = round(x)</c>, halves to even (numpy, TF); piecewise constant, so no gradient (TF).</summary>
public sealed record RoundOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Round(x, MidpointRounding.ToEven, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}

/// <summary><c>y = ⌈x⌉</c>; piecewise constant, so no gradient (TF).</summary>
public sealed record CeilOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Ceiling(x, y);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}
