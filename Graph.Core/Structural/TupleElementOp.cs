namespace Graph.Core.Structural;

/// <summary>
/// Element <paramref name="Index"/> of a tuple-valued node (XLA's get-tuple-element). The compiler aliases the
/// element's buffer: no step runs and nothing is copied.
/// </summary>
public sealed record TupleElementOp(int Index) : ProjectionOp
{
    /// <inheritdoc/>
    public override TensorType ProjectedType(Node tuple)
    {
        if (!tuple.IsTuple) throw new ShapeRuleException($"input 0 '{tuple.Name}' is not a tuple.");
        if (Index < 0 || Index >= tuple.TupleTypes.Count)
            throw new ShapeRuleException($"element {Index} is out of range: input 0 '{tuple.Name}' has {tuple.TupleTypes.Count} elements.");
        return tuple.TupleTypes[Index];
    }

    /// <inheritdoc/>
    public override string AttributeText => Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
