using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.expand_dims(x, axis)</c>: inserts a size-1 dimension at <paramref name="Axis"/>, which may be in
/// [−rank−1, rank] (−1 appends).
/// </summary>
public sealed record ExpandDimsOp(int Axis) : ReshapingOp
{
    /// <inheritdoc/>
    protected override Shape ResultShape(Shape input)
    {
        int rank = input.Rank, a = Axis < 0 ? Axis + rank + 1 : Axis;
        if (a < 0 || a > rank)
            throw new ShapeRuleException($"axis {Axis} is out of range [{-rank - 1}, {rank}] for input 0 of shape {input}.");
        var dims = input.Dims.ToList();
        dims.Insert(a, 1);
        return new Shape([.. dims]);
    }

    /// <inheritdoc/>
    public override string AttributeText => $"axis={Axis}";
}
