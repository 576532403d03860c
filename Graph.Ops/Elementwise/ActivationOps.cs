using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary><c>y = 1/(1 + e⁻ˣ)</c>; dy/dx = y(1 − y).</summary>
public sealed record SigmoidOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        // float32 uses the faster FastMath kernel (max abs error 8.7e-8, tested against the exact function).
        if (typeof(T) == typeof(float)) Kernels.FastMath.Sigmoid(SpanCast.As<T, float>(x), SpanCast.As<T, float>(y));
        // TensorPrimitives.Sigmoid rejects empty spans; an empty value is simply empty.
        else if (x.Length > 0) TensorPrimitives.Sigmoid(x, y);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Mul(outputGradient, G.Mul(node, G.Sub(G.ScalarLike(node, 1), node)))];
}

/// <summary>
/// Keras's <c>hard_sigmoid</c>: <c>y = clip(0.2x + 0.5, 0, 1)</c>; dy/dx = 0.2 for |x| &lt; 2.5, else 0.
/// </summary>
public sealed record HardSigmoidOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Multiply(x, T.CreateChecked(0.2), y);
        TensorPrimitives.Add(y, T.CreateChecked(0.5), y);
        TensorPrimitives.Clamp(y, T.Zero, T.One, y);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Where(G.Less(G.Abs(node.Inputs[0]), 2.5), G.Mul(outputGradient, 0.2), G.ScalarLike(outputGradient, 0))];
}

/// <summary>
/// Keras 2.2.4's <c>relu(x, alpha, max_value, threshold)</c>: for x &gt; Threshold, x (clipped to [0, MaxValue] when
/// MaxValue is given); otherwise Alpha·(x − Threshold). With the defaults it is max(x, 0).
/// dy/dx = 1 (0 where clipped) above the threshold, Alpha below.
/// </summary>
public sealed record ReluOp(double Alpha = 0, double? MaxValue = null, double Threshold = 0) : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        if (Alpha == 0 && MaxValue is null && Threshold == 0)
        {
            TensorPrimitives.Max(x, T.Zero, y);
            return;
        }
        T alpha = T.CreateChecked(Alpha), threshold = T.CreateChecked(Threshold);
        bool clip = MaxValue is not null;
        T max = T.CreateChecked(MaxValue ?? 0);
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = v > threshold ? (clip ? T.Min(T.Max(v, T.Zero), max) : v) : alpha * (v - threshold);
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (x, g) = (node.Inputs[0], outputGradient);
        if (Alpha == 0 && MaxValue is null && Threshold == 0) return [G.ReluGrad(g, x)];
        var zero = G.ScalarLike(g, 0);
        var above = G.Greater(x, Threshold);
        var passed = g;
        if (MaxValue is { } max)
        {
            passed = G.Where(G.Less(x, max), passed, zero);
            // Keras clips to [0, max] too, which only bites when the threshold is negative.
            if (Threshold < 0) passed = G.Where(G.Greater(x, 0.0), passed, zero);
        }
        return [G.Where(above, passed, Alpha == 0 ? zero : G.Mul(g, Alpha))];
    }

    /// <inheritdoc/>
    public override string AttributeText =>
        FormattableString.Invariant($"alpha={Alpha}, max_value={(MaxValue is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None")}, threshold={Threshold}");
}

/// <summary><c>y = x</c> for x &gt; 0, else <c>Alpha·(eˣ − 1)</c> (Keras <c>elu(x, alpha)</c>); dy/dx = 1, else y + Alpha.</summary>
public sealed record EluOp(double Alpha = 1) : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => Elu(x, y, T.CreateChecked(Alpha), T.One);

    /// <summary>y = scale·x for x &gt; 0, else scale·alpha·(eˣ − 1).</summary>
    internal static void Elu<T>(ReadOnlySpan<T> x, Span<T> y, T alpha, T scale) where T : IFloatingPointIeee754<T>
    {
        T scaledAlpha = scale * alpha;
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = v > T.Zero ? scale * v : scaledAlpha * T.ExpM1(v);
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Where(G.Greater(node.Inputs[0], 0.0), outputGradient, G.Mul(outputGradient, G.Add(node, Alpha)))];

    /// <inheritdoc/>
    public override string AttributeText => FormattableString.Invariant($"alpha={Alpha}");
}

/// <summary>
/// <c>y = Scale·elu(x, Alpha)</c> with Klambauer et al.'s constants (Keras <c>selu</c>);
/// dy/dx = Scale for x &gt; 0, else y + Scale·Alpha.
/// </summary>
public sealed record SeluOp : UnaryOp
{
    /// <summary>α of SELU.</summary>
    public const double Alpha = 1.6732632423543772848170429916717;

    /// <summary>λ of SELU.</summary>
    public const double Scale = 1.0507009873554804934193349852946;

    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y) => EluOp.Elu(x, y, T.CreateChecked(Alpha), T.CreateChecked(Scale));

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
    [
        G.Where(G.Greater(node.Inputs[0], 0.0), G.Mul(outputGradient, Scale), G.Mul(outputGradient, G.Add(node, Scale * Alpha))),
    ];
}

/// <summary>
/// <c>y = ln(1 + eˣ)</c>, computed as <c>max(x, 0) + ln(1 + e^−|x|)</c> so it neither overflows nor loses the
/// small tail; dy/dx = sigmoid(x).
/// </summary>
public sealed record SoftplusOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = T.Max(v, T.Zero) + Log1pOp.Accurate(T.Exp(-T.Abs(v)));
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Mul(outputGradient, G.Sigmoid(node.Inputs[0]))];
}

/// <summary><c>y = x/(1 + |x|)</c>; dy/dx = 1/(1 + |x|)².</summary>
public sealed record SoftsignOp : UnaryOp
{
    protected override void Apply<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = x[i] / (T.One + T.Abs(x[i]));
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Div(outputGradient, G.Square(G.Add(G.Abs(node.Inputs[0]), 1.0)))];
}
