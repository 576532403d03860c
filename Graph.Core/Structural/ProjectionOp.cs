namespace Graph.Core.Structural;

/// <summary>
/// An op that reads part of a tuple-valued node (its single input) without copying: the compiler aliases the
/// buffer the tuple's op writes. Its type comes from the tuple node, and its gradient is routed by Autodiff to the
/// tuple's op, which receives the gradients of all its projections at once.
/// </summary>
public abstract record ProjectionOp : Op
{
    /// <summary>The projected value's type, read from <paramref name="tuple"/>.</summary>
    /// <exception cref="ShapeRuleException">the tuple has no such part.</exception>
    public abstract TensorType ProjectedType(Node tuple);

    /// <summary>Without the tuple node the type is unknown; the graph calls <see cref="ProjectedType"/> instead.</summary>
    /// <exception cref="ShapeRuleException">always.</exception>
    public sealed override TensorType InferType(ReadOnlySpan<TensorType> inputs) =>
        throw new ShapeRuleException("reads its type from its tuple node; build it with ComputationGraph.AddNode.");

    /// <summary>Autodiff routes a projection's gradient to the tuple's op; a projection has none of its own.</summary>
    /// <exception cref="InvalidOperationException">always.</exception>
    public sealed override Node?[] Gradient(Node node, Node outputGradient) =>
        throw new InvalidOperationException($"The gradient of '{node.Name}' is gathered by its tuple's op ({node.Inputs[0].Op.Type}).");
}
