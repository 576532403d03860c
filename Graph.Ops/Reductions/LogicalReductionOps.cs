using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>True where any element over the axes is true (false when empty). Bool only; not differentiable.</summary>
public sealed record AnyOp(ValueArray<int>? Axes = null, bool KeepDims = false) : ReductionOp(Axes, KeepDims)
{
    protected override bool Accepts(DType dtype) => dtype == DType.Bool;

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        Reduction.Run<bool, AnyReducer>(inputs[0], output, Axes);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}

/// <summary>True where every element over the axes is true (true when empty). Bool only; not differentiable.</summary>
public sealed record AllOp(ValueArray<int>? Axes = null, bool KeepDims = false) : ReductionOp(Axes, KeepDims)
{
    protected override bool Accepts(DType dtype) => dtype == DType.Bool;

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        Reduction.Run<bool, AllReducer>(inputs[0], output, Axes);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}
