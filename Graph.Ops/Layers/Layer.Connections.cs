using Graph.Core;

namespace Graph.Ops.Layers;

public abstract partial class Layer
{
    /// <summary>The input of the layer's only call (Keras's <c>layer.input</c>).</summary>
    /// <exception cref="InvalidOperationException">the layer was never called, was called several times, or took several inputs.</exception>
    public virtual Node Input => SingleNode(OnlyCall("input").Inputs, "input", "GetInputAt");

    /// <summary>The output of the layer's only call (Keras's <c>layer.output</c>).</summary>
    /// <exception cref="InvalidOperationException">the layer was never called, was called several times, or has several outputs.</exception>
    public virtual Node Output => SingleNode(OnlyCall("output").Outputs, "output", "GetOutputAt");

    /// <summary>The output mask of the layer's only call, or null.</summary>
    public Node? OutputMask => OnlyCall("output mask").OutputMasks[0];

    /// <summary>The input of call <paramref name="callIndex"/> (Keras's <c>get_input_at</c>).</summary>
    public Node GetInputAt(int callIndex) => SingleNode(CallAt(callIndex).Inputs, "input", "GetInputAt");

    /// <summary>The output of call <paramref name="callIndex"/> (Keras's <c>get_output_at</c>).</summary>
    public Node GetOutputAt(int callIndex) => SingleNode(CallAt(callIndex).Outputs, "output", "GetOutputAt");

    private LayerCall CallAt(int index)
    {
        if (_calls.Count == 0) throw new InvalidOperationException($"Layer {Name} is not connected.");
        if (index < 0 || index >= _calls.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"Asked to get call at index {index}, but the layer has only {_calls.Count} calls.");
        return _calls[index];
    }

    private LayerCall OnlyCall(string what)
    {
        if (_calls.Count == 0) throw new InvalidOperationException($"Layer {Name} is not connected, no {what} to return.");
        if (_calls.Count > 1)
            throw new InvalidOperationException(
                $"Layer {Name} has multiple inbound nodes, hence the notion of \"layer {what}\" is ill-defined. Use GetInputAt/GetOutputAt(index) instead.");
        return _calls[0];
    }

    private Node SingleNode(IReadOnlyList<Node> nodes, string what, string accessor) => nodes.Count == 1
        ? nodes[0]
        : throw new InvalidOperationException($"Layer {Name} has {nodes.Count} {what}s; use the list accessors or {accessor}.");
}
