using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>A Keras regularizer: a scalar loss built from a weight or an activation.</summary>
public interface IRegularizer
{
    /// <summary>The penalty for <paramref name="x"/> (a scalar node).</summary>
    Node Apply(Node x);
}

/// <summary>A Keras constraint: the projection applied to a weight after each optimizer update.</summary>
public interface IConstraint
{
    /// <summary>The projected value of <paramref name="w"/> (same shape).</summary>
    Node Apply(Node w);
}
