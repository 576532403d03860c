using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras 2's functional-network config: every layer with its <c>inbound_nodes</c> — per call of the layer inside
/// the network, the list of <c>[layer_name, node_index, tensor_index, kwargs]</c> of its inputs, node indices
/// counting only the calls that belong to the network (Keras's <c>node_conversion_map</c>) — plus
/// <c>input_layers</c> and <c>output_layers</c>. Rebuilding replays the calls in the order Keras's
/// <c>from_config</c> does, so shared layers get their calls (and node indices) back in the same order.
/// </summary>
public static class NetworkConfig
{
    /// <summary>The config of a functional network.</summary>
    public static JsonObject Write(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var kept = network.GraphCalls.Concat(network.InputLayers.Select(l => l.Calls[0])).ToHashSet();
        int NodeIndex(LayerCall call) => call.Layer.Calls.Where(kept.Contains).ToList().IndexOf(call);
        JsonArray Ref(Node node)
        {
            var (call, index) = KerasHistory.ProducerOf(node)
                ?? throw new InvalidOperationException($"Model {network.Name}: node '{node.Name}' has no layer history.");
            return new JsonArray(call.Layer.Name, NodeIndex(call), index);
        }

        var layers = new JsonArray();
        foreach (var layer in network.Layers)
        {
            var inbound = new JsonArray();
            foreach (var call in layer.Calls.Where(c => kept.Contains(c) && c.Layer is not InputLayer))
            {
                var kwargs = new JsonObject();
                if (call.ExplicitTraining.IsStatic) kwargs["training"] = call.ExplicitTraining.StaticValue;
                inbound.Add(new JsonArray(call.Inputs.Select(n => { var r = Ref(n); r.Add(kwargs.DeepClone()); return (JsonNode)r; }).ToArray()));
            }
            layers.Add(new JsonObject
            {
                ["name"] = layer.Name,
                ["class_name"] = layer.ClassName,
                ["config"] = layer.GetConfig(),
                ["inbound_nodes"] = inbound,
            });
        }
        return new JsonObject
        {
            ["name"] = network.Name,
            ["layers"] = layers,
            ["input_layers"] = new JsonArray(network.Inputs.Select(n => (JsonNode)Ref(n)).ToArray()),
            ["output_layers"] = new JsonArray(network.Outputs.Select(n => (JsonNode)Ref(n)).ToArray()),
        };
    }

    /// <summary>
    /// Rebuilds the layers and replays their calls, then makes the network with <paramref name="make"/>
    /// (inputs, outputs, name) — <c>Network</c>, <c>Model</c> or a registered subclass.
    /// </summary>
    /// <exception cref="ArgumentException">a malformed config, an unknown layer, or calls whose inputs never become available.</exception>
    public static T FromConfig<T>(JsonObject config, LayerRegistry registry, Func<Node[], Node[], string?, T> make) where T : Layer
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        var specs = config["layers"] as JsonArray ?? throw new ArgumentException("A model config needs a 'layers' list.");
        var created = new Dictionary<string, Layer>();
        var outputs = new Dictionary<(string Layer, int Node), IReadOnlyList<Node>>();
        var pending = new List<(Layer Layer, Queue<JsonArray> Nodes)>();
        foreach (var spec in specs.Select(s => s!.AsObject()))
        {
            var layer = registry.FromConfig(spec);
            string name = spec["name"]?.GetValue<string>() ?? layer.Name;
            created[name] = layer;
            if (layer is InputLayer input) outputs[(name, 0)] = [input.Placeholder];
            var nodes = spec["inbound_nodes"] as JsonArray ?? [];
            pending.Add((layer, new Queue<JsonArray>(nodes.Select(n => n!.AsArray()))));
        }

        // Keras's from_config: process each layer's calls in order, deferring one whose inputs do not exist yet.
        for (bool progress = true; progress && pending.Any(p => p.Nodes.Count > 0);)
        {
            progress = false;
            foreach (var (layer, nodes) in pending)
                while (nodes.Count > 0 && TryApply(layer, nodes.Peek(), outputs))
                {
                    nodes.Dequeue();
                    progress = true;
                }
        }
        if (pending.FirstOrDefault(p => p.Nodes.Count > 0) is { Layer: not null } stuck)
            throw new ArgumentException($"Model config: the inputs of layer {stuck.Layer.Name} are never produced.");

        return make(Lookup(config, "input_layers", outputs), Lookup(config, "output_layers", outputs), config["name"]?.GetValue<string>());
    }

    private static bool TryApply(Layer layer, JsonArray node, Dictionary<(string, int), IReadOnlyList<Node>> outputs)
    {
        var inputs = new List<Node>();
        TrainingArg training = TrainingArg.Absent;
        foreach (var entry in node.Select(e => e!.AsArray()))
        {
            if (!outputs.TryGetValue((entry[0]!.GetValue<string>(), entry[1]!.GetValue<int>()), out var produced)) return false;
            inputs.Add(produced[entry[2]!.GetValue<int>()]);
            if (entry.Count > 3 && entry[3]?["training"] is { } t) training = t.GetValue<bool>();
        }
        var result = layer.ApplyMultiple(inputs, training);
        outputs[(layer.Name, layer.Calls.Count - 1)] = result;
        return true;
    }

    private static Node[] Lookup(JsonObject config, string key, Dictionary<(string, int), IReadOnlyList<Node>> outputs) =>
        (config[key] as JsonArray ?? throw new ArgumentException($"A model config needs '{key}'."))
        .Select(e => e!.AsArray())
        .Select(e => outputs.TryGetValue((e[0]!.GetValue<string>(), e[1]!.GetValue<int>()), out var o)
            ? o[e[2]!.GetValue<int>()]
            : throw new ArgumentException($"Model config: '{key}' names {e.ToJsonString()}, which no layer call produced."))
        .ToArray();
}
