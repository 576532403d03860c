namespace Graph.Core.Structural;

/// <summary><c>zeros_like(x)</c>: zeros of x's dtype and shape (x's values are not read). The untaken side of a Switch gradient.</summary>
public sealed record ZerosLikeOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) =>
        inputs.Length == 1 ? inputs[0] : throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        Array.Clear(output.Data, 0, output.Length);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}
