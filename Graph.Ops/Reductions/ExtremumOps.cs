using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>
/// The largest element over the axes (−∞ / the lowest integer when empty, NaN propagates). The gradient goes to
/// the elements equal to the maximum, split evenly between ties (TF's rule).
/// </summary>
public sealed record MaxOp(ValueArray<int>? Axes = null, bool KeepDims = false) : NumericReductionOp(Axes, KeepDims)
{
    protected override void Run<T>(TensorBuffer x, TensorBuffer y) => Reduction.Run<T, MaxReducer<T>>(x, y, Axes);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [ToExtremum(this, node, outputGradient)];

    /// <summary>g routed to the positions where x equals the reduced value, divided by the number of such ties.</summary>
    internal static Node ToExtremum(ReductionOp op, Node node, Node g)
    {
        var x = node.Inputs[0];
        int[]? axes = op.Axes?.ToArray();
        var hits = G.Cast(G.Equal(x, G.ExpandToShape(node, x, axes, op.KeepDims)), x.DType);
        var ties = G.Sum(hits, axes, keepDims: true);
        return G.Div(G.Mul(hits, G.ExpandToShape(g, x, axes, op.KeepDims)), ties);
    }
}

/// <summary>
/// The smallest element over the axes (+∞ / the highest integer when empty, NaN propagates). The gradient goes to
/// the elements equal to the minimum, split evenly between ties (TF's rule).
/// </summary>
public sealed record MinOp(ValueArray<int>? Axes = null, bool KeepDims = false) : NumericReductionOp(Axes, KeepDims)
{
    protected override void Run<T>(TensorBuffer x, TensorBuffer y) => Reduction.Run<T, MinReducer<T>>(x, y, Axes);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [MaxOp.ToExtremum(this, node, outputGradient)];
}
