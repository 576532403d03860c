using Graph.Core;

namespace Graph.Ops.Layers.Internal;

/// <summary>Small graph helpers shared by layers.</summary>
internal static class LayerOps
{
    /// <summary>
    /// A new node equal to <paramref name="x"/>: Keras copies an input a layer returns unchanged, so the output can
    /// carry its own layer history and mask without overwriting the input's.
    /// </summary>
    public static Node Copy(Node x) => G.Add(x, 0.0);

    /// <summary>
    /// Keras's <c>K.dot(x, w)</c> for a rank-2 <paramref name="w"/>: contracts x's last axis with w's first, for x
    /// of any rank ≥ 2 (leading axes kept).
    /// </summary>
    public static Node DotLastAxis(Node x, Node w)
    {
        if (x.Shape.Rank == 2) return G.MatMul(x, w);
        throw new ArgumentException($"K.dot: inputs of rank {x.Shape.Rank} are not supported yet ({x}).");
    }
}
