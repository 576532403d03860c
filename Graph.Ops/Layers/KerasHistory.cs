using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// What the layer system knows about a node (Keras's <c>_keras_history</c> and <c>_keras_mask</c>): the layer call
/// that produced it and its mask. Nodes built outside layers have neither.
/// </summary>
public static class KerasHistory
{
    /// <summary>The mask a layer attached to <paramref name="node"/>, or null.</summary>
    public static Node? MaskOf(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return LayerState.For(node.Graph).TryGetHistory(node, out var call, out int index) ? call.OutputMasks[index] : null;
    }

    /// <summary>The recorded layer call that produced <paramref name="node"/> and the output's index in it, or null.</summary>
    public static (LayerCall Call, int OutputIndex)? ProducerOf(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return LayerState.For(node.Graph).TryGetHistory(node, out var call, out int index) ? (call, index) : null;
    }

    /// <summary>The layer that produced <paramref name="node"/>, or null.</summary>
    public static Layer? LayerOf(Node node) => ProducerOf(node)?.Call.Layer;
}
