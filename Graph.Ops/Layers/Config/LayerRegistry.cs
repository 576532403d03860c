using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// The one explicit table of layer types for configs (Keras's <c>custom_objects</c> made explicit): Keras class name →
/// factory from a <see cref="LayerConfigReader"/>. <see cref="CreateDefault"/> holds every built-in layer; custom
/// layers and models register themselves with <see cref="Register"/>; a Lambda's function is found by the name it was
/// registered under with <see cref="RegisterFunction"/>. No reflection: an unregistered class is an error.
/// A registry is an ordinary object, so each program (or test) owns its own.
/// </summary>
public sealed class LayerRegistry
{
    private readonly Dictionary<string, Func<LayerConfigReader, Layer>> _layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<Node, Node>> _functions = new(StringComparer.Ordinal);

    /// <summary>A registry of every built-in layer (and functional <see cref="Network"/>).</summary>
    public static LayerRegistry CreateDefault()
    {
        var registry = new LayerRegistry();
        BuiltInLayers.RegisterCore(registry);
        BuiltInLayers.RegisterMore(registry);
        RecurrentConfig.Register(registry);
        return registry;
    }

    /// <summary>The registered class names.</summary>
    public IEnumerable<string> ClassNames => _layers.Keys;

    /// <summary>Registers (or replaces) the factory of layers whose config says <c>class_name: className</c>.</summary>
    public LayerRegistry Register(string className, Func<LayerConfigReader, Layer> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        _layers[className] = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>Registers a function by name, for Lambda layers created with that <c>functionName</c>.</summary>
    public LayerRegistry RegisterFunction(string name, Func<Node, Node> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _functions[name] = function ?? throw new ArgumentNullException(nameof(function));
        return this;
    }

    /// <summary>The function registered under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">no such function.</exception>
    public Func<Node, Node> GetFunction(string name) => _functions.TryGetValue(name, out var f)
        ? f
        : throw new ArgumentException($"Unknown function: {name}. Register it with RegisterFunction before loading the config.");

    /// <summary><c>{"class_name": layer.ClassName, "config": layer.GetConfig()}</c> (Keras's <c>serialize</c>).</summary>
    public static JsonObject Serialize(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return ConfigJson.Wrap(layer.ClassName, layer.GetConfig());
    }

    /// <summary>A new layer from <c>{"class_name", "config"}</c> (Keras's <c>deserialize</c>); <c>trainable</c> is applied.</summary>
    /// <exception cref="ArgumentException">unknown class (Keras: "Unknown layer: X") or a bad config.</exception>
    public Layer FromConfig(JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string className = spec["class_name"]?.GetValue<string>() ?? throw new ArgumentException("A layer spec needs a class_name.");
        var config = spec["config"] as JsonObject ?? throw new ArgumentException($"The {className} spec has no config object.");
        return FromConfig(className, config);
    }

    /// <summary>A new layer of <paramref name="className"/> from its config (<c>trainable</c> and <c>batch_input_shape</c> restored).</summary>
    /// <exception cref="ArgumentException">unknown class or a bad config.</exception>
    public Layer FromConfig(string className, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!_layers.TryGetValue(className, out var factory))
            throw new ArgumentException($"Unknown layer: {className}. Register it with LayerRegistry.Register.");
        // A copy through text: values read back as parsed JSON whatever CLR type built them.
        var reader = new LayerConfigReader(JsonNode.Parse(config.ToJsonString())!.AsObject(), this);
        var layer = factory(reader);
        if (reader.Has("trainable")) layer.Trainable = reader.Bool("trainable", true);
        if (layer is not InputLayer && reader.Dims("batch_input_shape") is { } batchInputShape) layer.RestoreBatchInputShape(batchInputShape);
        return layer;
    }

    /// <summary>The layer as Keras's JSON (<c>{"class_name", "config"}</c>).</summary>
    public static string ToJson(Layer layer, bool indented = false) =>
        Serialize(layer).ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    /// <summary>A new layer from Keras's JSON.</summary>
    public Layer FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromConfig(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("The JSON is empty."));
    }
}
