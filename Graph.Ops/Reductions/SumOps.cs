using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary><c>Σ x</c> over the axes (0 when empty); the gradient broadcasts g back.</summary>
public sealed record SumOp(ValueArray<int>? Axes = null, bool KeepDims = false) : NumericReductionOp(Axes, KeepDims)
{
    protected override void Run<T>(TensorBuffer x, TensorBuffer y) => Reduction.Run<T, SumReducer<T>>(x, y, Axes);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [Expand(outputGradient, node.Inputs[0])];
}

/// <summary>
/// The mean over the axes: Σx / n with n the number of reduced elements (integers divide truncating, as TF; an
/// empty float mean is NaN, an empty integer mean 0). The gradient broadcasts g/n back.
/// </summary>
public sealed record MeanOp(ValueArray<int>? Axes = null, bool KeepDims = false) : NumericReductionOp(Axes, KeepDims)
{
    protected override void Run<T>(TensorBuffer x, TensorBuffer y)
    {
        Reduction.Run<T, SumReducer<T>>(x, y, Axes);
        if (y.Length == 0) return;
        long count = x.Length / y.Length;
        var sums = y.Span<T>();
        if (count == 0 && typeof(T) != typeof(float) && typeof(T) != typeof(double)) return;
        System.Numerics.Tensors.TensorPrimitives.Divide(sums, T.CreateChecked(count), sums);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Div(Expand(outputGradient, node.Inputs[0]), G.ReducedCount(node.Inputs[0], Axes?.ToArray()))];
}

/// <summary>
/// <c>Π x</c> over the axes (1 when empty); ∂/∂x = g·y/x broadcast back (TF avoids dividing by a zero x with
/// cumulative products; here an x of exactly 0 gives a non-finite gradient).
/// </summary>
public sealed record ProdOp(ValueArray<int>? Axes = null, bool KeepDims = false) : NumericReductionOp(Axes, KeepDims)
{
    protected override void Run<T>(TensorBuffer x, TensorBuffer y) => Reduction.Run<T, ProdReducer<T>>(x, y, Axes);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var x = node.Inputs[0];
        return [G.Div(G.Mul(Expand(outputGradient, x), Expand(node, x)), x)];
    }
}
