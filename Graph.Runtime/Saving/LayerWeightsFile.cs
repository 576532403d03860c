using System.Text.Json;
using Graph.Core;
using Graph.Ops.Layers;

namespace Graph.Runtime.Saving;

/// <summary>
/// A model's weights (and optionally its optimizer's state) in one safetensors file, laid out like Keras's HDF5
/// weights: tensors named <c>layer/weight</c>, and in <c>__metadata__</c> the layer order (<c>layer_names</c>, every
/// layer), each layer's weight names in order (<c>layer_weights</c>), and the optimizer's weights in order
/// (<c>optimizer_weights</c>). Loading matches layers by position among the layers that have weights (Keras's
/// default) or by name, checks every weight's count, dtype and shape, reads every value, and only then commits all
/// of them under the store's write lock: it loads everything or nothing. A truncated or malformed file fails in
/// <see cref="SafetensorsReader.Open"/>, which allocates nothing beyond the file's size.
/// </summary>
internal static class LayerWeightsFile
{
    private const string FormatKey = "format", FormatValue = "graph.layer_weights/1";

    /// <summary>
    /// Writes the layers' weights, and <paramref name="optimizerWeights"/> when given, atomically; <paramref name="extraMetadata"/>
    /// (e.g. the model's config) goes into <c>__metadata__</c> beside the layout keys.
    /// </summary>
    public static void Write(string path, VariableStore store, IReadOnlyList<Layer> layers, IReadOnlyList<Node>? optimizerWeights,
        IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var names = new Dictionary<string, Node>(StringComparer.Ordinal);
        var layerWeights = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (layerWeights.ContainsKey(layer.Name)) throw new InvalidOperationException($"Two layers are named '{layer.Name}'; layer names must be unique to save weights.");
            var keys = layerWeights[layer.Name] = new List<string>();
            foreach (var weight in layer.Weights) keys.Add(Add(names, WeightKey(layer, weight), weight, layer.Name));
        }
        var optimizerKeys = optimizerWeights?.Select(w => Add(names, "optimizer/" + w.Graph.VariableName(w), w, "optimizer")).ToList();
        var metadata = new Dictionary<string, string>
        {
            ["producer"] = "Graph",
            [FormatKey] = FormatValue,
            ["layer_names"] = JsonSerializer.Serialize(layers.Select(l => l.Name).ToArray()),
            ["layer_weights"] = JsonSerializer.Serialize(layerWeights),
        };
        if (optimizerKeys is not null) metadata["optimizer_weights"] = JsonSerializer.Serialize(optimizerKeys);
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
            if (!metadata.TryAdd(key, value)) throw new ArgumentException($"Metadata key '{key}' is reserved for the weights layout.", nameof(extraMetadata));
        var tensors = new List<KeyValuePair<string, TensorBuffer>>(names.Count);
        store.Lock.EnterReadLock();
        try
        {
            foreach (var (key, variable) in names) tensors.Add(new(key, store.GetValue(variable)));
        }
        finally { store.Lock.ExitReadLock(); }
        SafetensorsWriter.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Loads the file into the layers' weights (matched by position among layers with weights, or by name when
    /// <paramref name="byName"/>; by name, model layers absent from the file keep their weights, as in Keras), and
    /// into <paramref name="optimizerWeights"/> by position when given.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">the file is truncated, malformed or not a weights file.</exception>
    /// <exception cref="ArgumentException">the file does not fit the model (the message names layer and weight). No weight changes.</exception>
    public static void Load(string path, VariableStore store, IReadOnlyList<Layer> layers, bool byName, IReadOnlyList<Node>? optimizerWeights)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = SafetensorsReader.Open(path);
        Load(reader, store, layers, byName, optimizerWeights);
    }

    /// <summary>As the other overload, from an open (already validated) file.</summary>
    public static void Load(SafetensorsReader reader, VariableStore store, IReadOnlyList<Layer> layers, bool byName, IReadOnlyList<Node>? optimizerWeights)
    {
        var (fileLayers, fileWeights, fileOptimizer) = ReadMetadata(reader);
        var plan = new List<(Node Variable, SafetensorsEntry Entry)>();
        var modelLayers = layers.Where(l => l.Weights.Count > 0).ToList();
        if (byName)
        {
            foreach (var layer in modelLayers)
                if (fileWeights.TryGetValue(layer.Name, out var keys)) MatchLayer(reader, layer, layer.Name, keys, plan);
        }
        else
        {
            var withWeights = fileLayers.Where(n => fileWeights[n].Length > 0).ToList();
            if (withWeights.Count != modelLayers.Count)
                throw new ArgumentException(
                    $"You are trying to load a weight file containing {withWeights.Count} layers into a model with {modelLayers.Count} layers ('{reader.Path}').");
            for (int i = 0; i < modelLayers.Count; i++) MatchLayer(reader, modelLayers[i], withWeights[i], fileWeights[withWeights[i]], plan);
        }
        if (optimizerWeights is not null)
        {
            if (fileOptimizer is null) throw new ArgumentException($"'{reader.Path}' holds no optimizer state (it was written by SaveWeights, not SaveTrainingState).");
            if (fileOptimizer.Length != optimizerWeights.Count)
                throw new ArgumentException(
                    $"The optimizer has {optimizerWeights.Count} weights but '{reader.Path}' holds {fileOptimizer.Length}: compile the model with the same optimizer before loading its state.");
            for (int i = 0; i < optimizerWeights.Count; i++)
                plan.Add((optimizerWeights[i], Check(reader, optimizerWeights[i], fileOptimizer[i], $"Optimizer weight #{i} '{optimizerWeights[i].Name}'")));
        }
        var values = plan.Select(p => reader.Read(p.Entry, p.Variable.DType)).ToArray();
        // Create every target buffer first, so the commit below only copies.
        foreach (var (variable, _) in plan) store.GetBuffer(variable);
        store.Lock.EnterWriteLock();
        try
        {
            for (int i = 0; i < plan.Count; i++) store.SetValue(plan[i].Variable, values[i]);
        }
        finally { store.Lock.ExitWriteLock(); }
    }

    private static void MatchLayer(SafetensorsReader reader, Layer layer, string fileLayer, string[] keys, List<(Node, SafetensorsEntry)> plan)
    {
        var weights = layer.Weights;
        if (weights.Count != keys.Length)
            throw new ArgumentException(
                $"Layer '{layer.Name}' of the model expects {weights.Count} weights, but layer '{fileLayer}' in '{reader.Path}' has {keys.Length}.");
        for (int i = 0; i < weights.Count; i++)
            plan.Add((weights[i], Check(reader, weights[i], keys[i], $"Weight '{weights[i].Name}' of layer '{layer.Name}' (saved as '{keys[i]}')")));
    }

    private static SafetensorsEntry Check(SafetensorsReader reader, Node variable, string key, string described)
    {
        var entry = reader.Entries[key];
        if (SafetensorsDTypes.ToDType(entry.DType) != variable.DType || !variable.Shape.IsCompatibleWith(entry.Shape))
            throw new ArgumentException(
                $"{described} is {variable.DType.Name()} {variable.Shape}, but '{reader.Path}' has {entry.DType} {Shape.Format(entry.Shape)}.");
        return entry;
    }

    private static (string[] Layers, Dictionary<string, string[]> Weights, string[]? Optimizer) ReadMetadata(SafetensorsReader reader)
    {
        var meta = reader.Metadata;
        if (!meta.TryGetValue(FormatKey, out var format) || format != FormatValue)
            throw Malformed(reader, $"it is not a layer weights file (metadata '{FormatKey}' is not '{FormatValue}').");
        string[] layers = Parse<string[]>(reader, "layer_names");
        var weights = Parse<Dictionary<string, string[]>>(reader, "layer_weights");
        if (layers.Any(l => l is null) || layers.Distinct(StringComparer.Ordinal).Count() != layers.Length || layers.Length != weights.Count)
            throw Malformed(reader, "'layer_names' must list each layer of 'layer_weights' once.");
        foreach (var name in layers)
        {
            if (!weights.TryGetValue(name, out var keys) || keys is null) throw Malformed(reader, $"layer '{name}' has no weight list.");
            CheckKeys(reader, keys);
        }
        string[]? optimizer = meta.ContainsKey("optimizer_weights") ? Parse<string[]>(reader, "optimizer_weights") : null;
        if (optimizer is not null) CheckKeys(reader, optimizer);
        return (layers, weights, optimizer);
    }

    private static void CheckKeys(SafetensorsReader reader, string[] keys)
    {
        foreach (var key in keys)
            if (key is null || !reader.Entries.ContainsKey(key)) throw Malformed(reader, $"the metadata names a tensor '{key}' the file does not hold.");
    }

    private static T Parse<T>(SafetensorsReader reader, string key) where T : class
    {
        if (!reader.Metadata.TryGetValue(key, out var text)) throw Malformed(reader, $"metadata '{key}' is missing.");
        try { return JsonSerializer.Deserialize<T>(text) ?? throw Malformed(reader, $"metadata '{key}' is null."); }
        catch (JsonException e) { throw new SafetensorsFormatException($"Invalid weights file '{reader.Path}': metadata '{key}' is not valid ({e.Message}).", e); }
    }

    private static string WeightKey(Layer layer, Node weight)
    {
        string name = weight.Graph.VariableName(weight);
        string prefix = layer.Name + "/";
        return prefix + (name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name);
    }

    private static string Add(Dictionary<string, Node> names, string key, Node weight, string owner)
    {
        // A weight shared by two layers is stored once per layer (under each layer's name), as Keras does.
        if (!names.TryAdd(key, weight) && names[key] != weight)
            throw new InvalidOperationException($"Two weights of '{owner}' would both be saved as '{key}'.");
        return key;
    }

    private static SafetensorsFormatException Malformed(SafetensorsReader reader, string message) =>
        new($"Invalid weights file '{reader.Path}': {message}");
}
