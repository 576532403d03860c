using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Input(shape)</c>: a placeholder for a model's input, created by an <see cref="InputLayer"/>.
/// The shape excludes the batch dimension (unknown unless a batch size is given).
/// Converts to its <see cref="Node"/>, so it can be passed wherever a node is expected.
/// </summary>
public sealed class Input
{
    /// <summary>A new input of <paramref name="shape"/> (batch excluded; null dims unknown).</summary>
    public Input(int?[] shape, int? batchSize = null, DType dtype = DType.Float32, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Layer = new InputLayer([batchSize, .. shape], dtype, name);
    }

    /// <summary>An input from a full batch shape (Keras's <c>batch_shape</c>).</summary>
    public static Input FromBatchShape(int?[] batchShape, DType dtype = DType.Float32, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(batchShape);
        if (batchShape.Length == 0) throw new ArgumentException("An input needs at least the batch dimension.", nameof(batchShape));
        return new Input(batchShape[1..], batchShape[0], dtype, name);
    }

    /// <summary>The input layer.</summary>
    public InputLayer Layer { get; }

    /// <summary>The placeholder.</summary>
    public Node Node => Layer.Placeholder;

    /// <summary>The placeholder's shape (batch included).</summary>
    public Shape Shape => Node.Shape;

    public static implicit operator Node(Input input) => input.Node;

    /// <inheritdoc/>
    public override string ToString() => Node.ToString();
}
