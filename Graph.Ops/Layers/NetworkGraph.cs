using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// The layer calls between a network's inputs and outputs, found as Keras 2's <c>Network._init_graph_network</c>
/// does: a depth-first walk from the outputs through each node's producing call, depths assigned from the outputs
/// (a shared layer takes its deepest use), calls run deepest first, layers listed deepest first and by discovery
/// order within a depth.
/// </summary>
internal sealed class NetworkGraph
{
    private NetworkGraph(LayerCall[] calls, Layer[] layers, InputLayer[] inputLayers)
    {
        Calls = calls;
        Layers = layers;
        InputLayers = inputLayers;
    }

    /// <summary>The calls to replay, producers before consumers (input layers excluded).</summary>
    public IReadOnlyList<LayerCall> Calls { get; }

    /// <summary>Every layer of the network, input layers first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The input layers, in the order of the network's inputs.</summary>
    public IReadOnlyList<InputLayer> InputLayers { get; }

    public static NetworkGraph Build(IReadOnlyList<Node> inputs, IReadOnlyList<Node> outputs)
    {
        if (outputs.Count == 0) throw new ArgumentException("A model needs at least one output.", nameof(outputs));
        if (inputs.Distinct().Count() != inputs.Count) throw new ArgumentException("The list of inputs passed to the model is redundant. All inputs should only appear once.");
        var inputLayers = new InputLayer[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (KerasHistory.ProducerOf(inputs[i]) is not { Call.Layer: InputLayer layer })
                throw new ArgumentException(
                    $"Input tensors to a Model must come from `Input`. Received: {inputs[i].Name} (missing previous layer metadata).");
            inputLayers[i] = layer;
        }
        foreach (var output in outputs)
            if (KerasHistory.ProducerOf(output) is null)
                throw new ArgumentException(
                    $"Output tensors to a Model must be the output of a Keras Layer (thus holding past layer metadata). Found: {output.Name}");

        var walk = new Walk(inputs.ToHashSet());
        foreach (var output in outputs) walk.Visit(output, consumer: null);
        var depths = walk.Depths();
        var calls = walk.PostOrder
            .Select((call, index) => (call, index))
            .Where(c => c.call.Layer is not InputLayer)
            .OrderByDescending(c => depths.Nodes[c.call]).ThenBy(c => c.index)
            .Select(c => c.call).ToArray();
        var layers = depths.Layers
            .OrderByDescending(l => l.Value).ThenBy(l => walk.LayerIndex[l.Key])
            .Select(l => l.Key).ToArray();
        var duplicate = layers.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException(
                $"The name \"{duplicate.Key}\" is used {duplicate.Count()} times in the model. All layer names should be unique.");
        return new NetworkGraph(calls, layers, inputLayers);
    }

    private sealed class Walk(HashSet<Node> inputs)
    {
        private readonly HashSet<LayerCall> _finished = new(), _inProgress = new();

        public List<LayerCall> PostOrder { get; } = new();

        public Dictionary<Layer, int> LayerIndex { get; } = new();

        public void Visit(Node node, Layer? consumer)
        {
            var (call, _) = KerasHistory.ProducerOf(node)
                ?? throw new ArgumentException(
                    $"The node '{node.Name}' used by layer {consumer?.Name} was not produced by a layer (it has no layer history); wrap graph operations in a Lambda layer.");
            if (call.Layer is InputLayer && !inputs.Contains(node))
                throw new ArgumentException(
                    $"Graph disconnected: cannot obtain value for tensor {node} at layer \"{consumer?.Name ?? call.Layer.Name}\". " +
                    $"The following previous layers were accessed without issue: [{string.Join(", ", PostOrder.Select(c => c.Layer.Name).Distinct())}]");
            if (_finished.Contains(call)) return;
            if (!_inProgress.Add(call)) throw new ArgumentException($"The tensor {node} at layer \"{call.Layer.Name}\" is part of a cycle.");
            LayerIndex.TryAdd(call.Layer, LayerIndex.Count);
            foreach (var input in call.Inputs) Visit(input, call.Layer);
            _inProgress.Remove(call);
            _finished.Add(call);
            PostOrder.Add(call);
        }

        public (Dictionary<LayerCall, int> Nodes, Dictionary<Layer, int> Layers) Depths()
        {
            var nodes = new Dictionary<LayerCall, int>();
            var layers = new Dictionary<Layer, int>();
            for (int i = PostOrder.Count - 1; i >= 0; i--)
            {
                var call = PostOrder[i];
                int depth = Math.Max(nodes.GetValueOrDefault(call), layers.GetValueOrDefault(call.Layer));
                layers[call.Layer] = depth;
                nodes[call] = depth;
                foreach (var input in call.Inputs)
                {
                    var producer = KerasHistory.ProducerOf(input)!.Value.Call;
                    nodes[producer] = Math.Max(depth + 1, nodes.GetValueOrDefault(producer));
                }
            }
            return (nodes, layers);
        }
    }
}
