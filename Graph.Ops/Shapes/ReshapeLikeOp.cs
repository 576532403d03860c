using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// Input 0's elements under input 1's shape (only input 1's shape is read). The gradient of every reshaping op:
/// it gives a gradient back its input's shape even when that shape has several unknown dimensions.
/// </summary>
public sealed record ReshapeLikeOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs (value, shape reference), got {inputs.Length}.");
        var (x, like) = (inputs[0], inputs[1]);
        if (x.Shape.ElementCount is { } a && like.Shape.ElementCount is { } b && a != b)
            throw new ShapeRuleException($"input 0 of shape {x.Shape} has {a} elements but input 1's shape {like.Shape} holds {b}.");
        return new(x.DType, like.Shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        Array.Copy(inputs[0].Data, output.Data, output.Length);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.ReshapeLike(outputGradient, node.Inputs[0]), null];
}
