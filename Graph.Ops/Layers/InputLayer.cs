using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// The layer behind <see cref="Input"/>: owns one placeholder named after the layer (<c>input_1</c>, 1-based as
/// in Keras) and records it as its output, so models can find where their graph starts.
/// </summary>
public sealed class InputLayer : Layer
{
    /// <summary>An input of <paramref name="batchShape"/> (batch dimension included; null = unknown).</summary>
    public InputLayer(int?[] batchShape, DType dtype = DType.Float32, string? name = null)
        : base(name ?? LayerState.For(ComputationGraph.Default).UniqueName("input", oneBased: true))
    {
        ArgumentNullException.ThrowIfNull(batchShape);
        DType = dtype;
        RecordSource(G.Placeholder(new Shape(batchShape), dtype, Name));
    }

    /// <summary>The placeholder this layer feeds.</summary>
    public Node Placeholder => Calls[0].Outputs[0];

    /// <summary>The placeholder (Keras: an input layer's input and output are the same tensor).</summary>
    public override Node Input => Placeholder;

    /// <summary>The input's dtype.</summary>
    public DType DType { get; }

    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["batch_input_shape"] = ConfigJson.Dims(Placeholder.Shape.Dims);
        config["dtype"] = DType.Name();
        config["sparse"] = false;
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        throw new InvalidOperationException($"Input layer {Name} cannot be called on a node; use its Placeholder.");
}
