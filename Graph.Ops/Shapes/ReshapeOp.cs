using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.reshape(x, target)</c>: the same elements in row-major order under a new shape. At most one target entry
/// is −1; it is resolved from the input's element count, so a target like <c>(-1, 12)</c> on an input of shape
/// <c>(?, 3, 4)</c> has static shape <c>(?, 12)</c> and works at any batch size (the rule runs again on the
/// concrete shape). A 0 in the target is a literal zero dimension (TF), not "copy the input's".
/// </summary>
public sealed record ReshapeOp(ValueArray<int> Target) : ReshapingOp
{
    /// <inheritdoc/>
    protected override Shape ResultShape(Shape input)
    {
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < Target.Count; i++)
        {
            int d = Target[i];
            if (d < -1) throw new ShapeRuleException($"target {Target} has dimension {d}; dimensions must be >= 0 or -1 (inferred).");
            if (d == -1)
            {
                if (inferred >= 0) throw new ShapeRuleException($"target {Target} has more than one -1.");
                inferred = i;
            }
            else known *= d;
        }
        var dims = new int?[Target.Count];
        for (int i = 0; i < dims.Length; i++) dims[i] = Target[i] < 0 ? null : Target[i];
        if (input.ElementCount is not { } count)
        {
            if (inferred >= 0 && known == 0)
                throw new ShapeRuleException($"cannot infer the -1 of target {Target} for input 0 of shape {input}: the other dimensions multiply to 0.");
            // The known input dims must divide the target's count whatever the unknown ones turn out to be.
            long partial = input.Dims.Aggregate(1L, (p, d) => p * (d ?? 1));
            if (inferred < 0 && partial > 0 && known % partial != 0)
                throw new ShapeRuleException($"cannot reshape input 0 of shape {input} into {Target} ({known} elements) at any size of its unknown dimensions.");
            return new Shape(dims);
        }
        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
                throw new ShapeRuleException($"cannot reshape input 0 of shape {input} ({count} elements) into {Target}.");
            dims[inferred] = checked((int)(count / known));
        }
        else if (known != count)
            throw new ShapeRuleException($"cannot reshape input 0 of shape {input} ({count} elements) into {Target} ({known} elements).");
        return new Shape(dims);
    }

    /// <inheritdoc/>
    public override string AttributeText => $"shape={Target}";
}
