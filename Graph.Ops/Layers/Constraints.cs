using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>Keras's <c>K.epsilon()</c> used by the constraints.</summary>
internal static class Fuzz
{
    public const double Epsilon = 1e-7;

    /// <summary><c>√Σw²</c> along <paramref name="axes"/>, kept for broadcasting.</summary>
    public static Node Norms(Node w, int[] axes) => G.Sqrt(G.Sum(G.Square(w), axes, keepDims: true));
}

/// <summary>Keras's <c>MaxNorm(max_value=2, axis=0)</c>: <c>w · clip(n, 0, max) / (ε + n)</c>, n the norm along the axis.</summary>
public sealed class MaxNorm(double maxValue = 2, params int[] axis) : IConstraint
{
    /// <summary>The largest allowed norm.</summary>
    public double MaxValue { get; } = maxValue;

    /// <summary>The axes the norm is taken over (default 0: each output unit's incoming weights).</summary>
    public int[] Axis { get; } = axis.Length == 0 ? [0] : axis;

    /// <inheritdoc/>
    public Node Apply(Node w)
    {
        var norms = Fuzz.Norms(w, Axis);
        var desired = G.Clip(norms, 0, MaxValue);
        return G.Mul(w, G.Div(desired, G.Add(norms, Fuzz.Epsilon)));
    }
}

/// <summary>Keras's <c>NonNeg()</c>: <c>w · (w ≥ 0)</c>.</summary>
public sealed class NonNeg : IConstraint
{
    /// <inheritdoc/>
    public Node Apply(Node w) => G.Mul(w, G.Cast(G.GreaterEqual(w, 0.0), w.DType));
}

/// <summary>Keras's <c>UnitNorm(axis=0)</c>: <c>w / (ε + n)</c>, n the norm along the axis.</summary>
public sealed class UnitNorm(params int[] axis) : IConstraint
{
    /// <summary>The axes the norm is taken over (default 0).</summary>
    public int[] Axis { get; } = axis.Length == 0 ? [0] : axis;

    /// <inheritdoc/>
    public Node Apply(Node w) => G.Div(w, G.Add(Fuzz.Norms(w, Axis), Fuzz.Epsilon));
}

/// <summary>
/// Keras's <c>MinMaxNorm(min_value=0, max_value=1, rate=1, axis=0)</c>:
/// <c>w · (rate · clip(n, min, max) + (1 − rate) · n) / (ε + n)</c>.
/// </summary>
public sealed class MinMaxNorm(double minValue = 0, double maxValue = 1, double rate = 1, params int[] axis) : IConstraint
{
    /// <summary>The smallest allowed norm.</summary>
    public double MinValue { get; } = minValue;

    /// <summary>The largest allowed norm.</summary>
    public double MaxValue { get; } = maxValue;

    /// <summary>How far to move towards the clipped norm (1 = all the way).</summary>
    public double Rate { get; } = rate;

    /// <summary>The axes the norm is taken over (default 0).</summary>
    public int[] Axis { get; } = axis.Length == 0 ? [0] : axis;

    /// <inheritdoc/>
    public Node Apply(Node w)
    {
        var norms = Fuzz.Norms(w, Axis);
        var desired = G.Add(G.Mul(G.Clip(norms, MinValue, MaxValue), Rate), G.Mul(norms, 1 - Rate));
        return G.Mul(w, G.Div(desired, G.Add(norms, Fuzz.Epsilon)));
    }
}
