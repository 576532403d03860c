using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// Keras <c>K.batch_flatten</c> / the Flatten layer: keeps dimension 0 (the batch) and flattens the rest,
/// <c>(d₀, d₁, …) → (d₀, d₁·d₂·…)</c>; a rank-1 input becomes <c>(d₀, 1)</c>. Unknown dims give an unknown product.
/// </summary>
public sealed record FlattenOp : ReshapingOp
{
    /// <inheritdoc/>
    protected override Shape ResultShape(Shape input)
    {
        if (input.Rank < 1) throw new ShapeRuleException($"input 0 must have rank >= 1 (a batch dimension), got shape {input}.");
        int? rest = 1;
        for (int i = 1; i < input.Rank; i++) rest = rest * input[i];
        return new Shape(input[0], rest);
    }
}
