namespace Graph.Core.Structural;

/// <summary>A value fixed when the graph is built. Equal constants (by content) are merged by CSE.</summary>
public sealed record ConstantOp(TensorBuffer Value) : Op
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) => new(Value.DType, Value.Shape);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [];

    /// <summary>Constants compare by content.</summary>
    public bool Equals(ConstantOp? other) => other is not null && Value.ContentEquals(other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.ContentHash();

    /// <inheritdoc/>
    public override string AttributeText => Value.Length == 1
        ? Convert.ToString(Value.Data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant()
        : Value.ToString();
}
