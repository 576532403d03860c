namespace Graph.Core.Structural;

/// <summary>A value fed when the graph runs; its declared shape may leave dimensions unknown (the batch).</summary>
public sealed record PlaceholderOp(DType DType, Shape Shape) : Op
{
    /// <summary>Placeholders are fed, so never merged or folded.</summary>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) => new(DType, Shape);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [];

    /// <inheritdoc/>
    public override string AttributeText => $"{DType.Name()} {Shape}";
}

/// <summary>
/// TF's <c>placeholder_with_default</c>: a fed value, or its single input when not fed. The learning-phase node is
/// one, with the constant <c>false</c> as its default.
/// </summary>
public sealed record PlaceholderWithDefaultOp(Shape Shape) : Op
{
    /// <inheritdoc/>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input (the default), got {inputs.Length}.");
        var def = inputs[0];
        if (def.Shape.Rank != Shape.Rank || (def.Shape.IsFullyDefined && !Shape.IsCompatibleWith(def.Shape.ToArray())))
            throw new ShapeRuleException($"input 0 (the default) has shape {def.Shape}, incompatible with the declared {Shape}.");
        return new(def.DType, Shape);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [outputGradient];

    /// <inheritdoc/>
    public override string AttributeText => Shape.ToString();
}
