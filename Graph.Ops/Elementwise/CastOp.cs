using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Converts to <paramref name="Target"/>: float→int truncates toward zero (TF), bool is 0/1, non-zero is true.
/// The gradient passes through between float types and is absent otherwise.
/// </summary>
public sealed record CastOp(DType Target) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) =>
        inputs.Length == 1 ? new(Target, inputs[0].Shape) : throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        ElementConvert.Copy(inputs[0], output);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        node.Inputs[0].DType.IsFloating() && Target.IsFloating() ? [G.Cast(outputGradient, node.Inputs[0].DType)] : [null];

    /// <inheritdoc/>
    public override string AttributeText => Target.Name();
}
