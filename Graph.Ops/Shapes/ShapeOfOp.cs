using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// TF's <c>tf.shape(x)</c> / Keras's <c>K.shape</c>: the concrete dimensions of x as an int32 vector of length
/// rank(x), known only when the graph runs (unknown dimensions included). x's values are not read; no gradient.
/// </summary>
public sealed record ShapeOfOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) =>
        inputs.Length == 1
            ? new(DType.Int32, Shape.Of(inputs[0].Shape.Rank))
            : throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        inputs[0].Dims.AsSpan().CopyTo(output.Span<int>());

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}
