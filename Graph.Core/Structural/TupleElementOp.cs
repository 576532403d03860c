namespace Graph.Core.Structural;

/// <summary>
/// Element <paramref name="Index"/> of a tuple-valued node (XLA's get-tuple-element). The compiler aliases the
/// element's buffer: no step runs and nothing is copied. Its gradient is routed by Autodiff to the tuple's op,
/// which receives one gradient per element.
/// </summary>
public sealed record TupleElementOp(int Index) : Op
{
    /// <summary>The element's type, read from the tuple node.</summary>
    /// <exception cref="ShapeRuleException">the input is not a tuple, or the index is out of range.</exception>
    public TensorType ElementType(IReadOnlyList<Node> inputs)
    {
        if (inputs.Count != 1) throw new ShapeRuleException($"expects 1 input (a tuple), got {inputs.Count}.");
        var tuple = inputs[0];
        if (!tuple.IsTuple) throw new ShapeRuleException($"input 0 '{tuple.Name}' is not a tuple.");
        if (Index < 0 || Index >= tuple.TupleTypes.Count)
            throw new ShapeRuleException($"element {Index} is out of range: input 0 '{tuple.Name}' has {tuple.TupleTypes.Count} elements.");
        return tuple.TupleTypes[Index];
    }

    /// <summary>Without the tuple node the element type is unknown; the graph calls <see cref="ElementType"/> instead.</summary>
    /// <exception cref="ShapeRuleException">always.</exception>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) =>
        throw new ShapeRuleException("reads the element types of its tuple node; build it with ComputationGraph.AddNode.");

    /// <summary>Autodiff routes an element's gradient to the tuple's op; a projection has no gradient of its own.</summary>
    /// <exception cref="InvalidOperationException">always.</exception>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        throw new InvalidOperationException($"The gradient of '{node.Name}' is gathered by its tuple's op ({node.Inputs[0].Op.Type}).");

    /// <inheritdoc/>
    public override string AttributeText => Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
