using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary><c>stop_gradient(x)</c>: the identity forward; no gradient flows back through it.</summary>
public sealed record StopGradientOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) =>
        inputs.Length == 1 ? inputs[0] : throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        inputs[0].CopyTo(output);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}
