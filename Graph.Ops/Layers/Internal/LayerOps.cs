using Graph.Core;

namespace Graph.Ops.Layers.Internal;

/// <summary>Small graph helpers shared by layers.</summary>
internal static class LayerOps
{
    /// <summary>
    /// A new node equal to <paramref name="x"/>: Keras copies an input a layer returns unchanged, so the output can
    /// carry its own layer history and mask without overwriting the input's.
    /// </summary>
    public static Node Copy(Node x) => G.Identity(x);
}
