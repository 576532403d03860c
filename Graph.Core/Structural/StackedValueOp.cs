namespace Graph.Core.Structural;

/// <summary>
/// The values the body node <paramref name="Value"/> of a loop took at every iteration, stacked along time in
/// processing order (iteration i at time index i): what backprop keeps of a step's intermediates, so the
/// gradient loop reads them instead of recomputing them. Input: the loop node. The compiler adds the value to the
/// loop's outputs; nothing is computed twice.
/// </summary>
public sealed record StackedValueOp(Node Value) : ProjectionOp
{
    /// <inheritdoc/>
    public override TensorType ProjectedType(Node tuple)
    {
        if (tuple.Op is not LoopOp loop) throw new ShapeRuleException($"input 0 '{tuple.Name}' is not a loop.");
        if (!loop.Body.Contains(Value)) throw new ShapeRuleException($"'{Value.Name}' is not computed in the body of loop '{tuple.Name}'.");
        var sequence = tuple.Inputs[0].Shape;
        return new(Value.DType, LoopOp.StackShape(Value.Shape, sequence[LoopOp.TimeAxis(sequence.Rank)]));
    }

    /// <inheritdoc/>
    public override string AttributeText => Value.Name;
}
