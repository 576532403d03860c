using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>Keras's <c>l1(l)</c>: <c>l · Σ|x|</c> (default l = 0.01).</summary>
public sealed class L1(double l = 0.01) : IRegularizer
{
    /// <summary>The factor.</summary>
    public double Factor { get; } = l;

    /// <inheritdoc/>
    public Node Apply(Node x) => G.Sum(G.Mul(G.Abs(x), Factor));
}

/// <summary>Keras's <c>l2(l)</c>: <c>l · Σx²</c> (default l = 0.01).</summary>
public sealed class L2(double l = 0.01) : IRegularizer
{
    /// <summary>The factor.</summary>
    public double Factor { get; } = l;

    /// <inheritdoc/>
    public Node Apply(Node x) => G.Sum(G.Mul(G.Square(x), Factor));
}

/// <summary>Keras's <c>L1L2(l1, l2)</c>: <c>l1 · Σ|x| + l2 · Σx²</c> (defaults 0, 0: a zero loss).</summary>
public sealed class L1L2(double l1 = 0, double l2 = 0) : IRegularizer
{
    /// <summary>The L1 factor.</summary>
    public double L1Factor { get; } = l1;

    /// <summary>The L2 factor.</summary>
    public double L2Factor { get; } = l2;

    /// <inheritdoc/>
    public Node Apply(Node x)
    {
        var loss = G.Scalar(x.Graph, 0, x.DType);
        if (L1Factor != 0) loss = G.Add(loss, G.Sum(G.Mul(G.Abs(x), L1Factor)));
        if (L2Factor != 0) loss = G.Add(loss, G.Sum(G.Mul(G.Square(x), L2Factor)));
        return loss;
    }
}
