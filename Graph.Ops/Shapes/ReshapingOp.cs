using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// Base of the ops that keep the elements and their row-major order and only change the shape (Reshape,
/// ExpandDims, Squeeze, Flatten, Identity): the kernel is a copy, and the gradient is the output gradient given the
/// input's shape back (<c>ReshapeLike(g, x)</c>, which also works when the input's shape has unknown dims).
/// Subclasses supply the shape rule; any dtype is accepted.
/// </summary>
public abstract record ReshapingOp : KernelOp
{
    /// <summary>The result shape for input 0's (possibly partial) shape.</summary>
    protected abstract Shape ResultShape(Shape input);

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        return new(inputs[0].DType, ResultShape(inputs[0].Shape));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        Array.Copy(inputs[0].Data, output.Data, output.Length);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.ReshapeLike(outputGradient, node.Inputs[0])];
}
