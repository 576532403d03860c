using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.squeeze(x, axes)</c>: removes the listed dimensions, which must be 1 (an unknown one is assumed to be 1
/// and checked on the concrete shape). <c>G.Squeeze(x)</c> without axes lists the dimensions that are statically 1
/// when the node is built, so an unknown dimension is never squeezed and the result's rank is always known
/// (TF would give an unknown rank).
/// </summary>
public sealed record SqueezeOp(ValueArray<int> Axes) : ReshapingOp
{
    /// <inheritdoc/>
    protected override Shape ResultShape(Shape input)
    {
        var remove = new bool[input.Rank];
        foreach (int axis in Axes)
        {
            int a = axis < 0 ? axis + input.Rank : axis;
            if (a < 0 || a >= input.Rank)
                throw new ShapeRuleException($"axis {axis} is out of range for input 0 of shape {input}.");
            if (input[a] is { } d && d != 1)
                throw new ShapeRuleException($"cannot squeeze axis {axis} of input 0 of shape {input}: its size is {d}, not 1.");
            remove[a] = true;
        }
        return new Shape(input.Dims.Where((_, i) => !remove[i]).ToArray());
    }

    /// <inheritdoc/>
    public override string AttributeText => $"axes={Axes}";
}
