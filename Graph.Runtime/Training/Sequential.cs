using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Ops.Layers;

namespace Graph.Runtime.Training;

/// <summary>
/// Keras's <c>Sequential</c>: a linear stack of single-input, single-output layers. When the first layer has an
/// <see cref="Layer.InputShape"/> (or is an <see cref="InputLayer"/>) the model's graph is built as layers are
/// added; otherwise it is built on the first application, from the input's shape (Keras's deferred build).
/// <see cref="Layers"/> lists the added layers (not the automatic input layer), as Keras 2 does.
/// </summary>
public class Sequential : Model
{
    private readonly List<Layer> _stack = new();
    private Node? _input, _output;

    /// <summary>An empty model, or one with <paramref name="layers"/> added in order.</summary>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name)
    {
        if (layers is null) return;
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The added layers, in order.</summary>
    public override IReadOnlyList<Layer> Layers => _stack.Where(l => l is not InputLayer || l != _stack[0]).ToArray();

    /// <inheritdoc/>
    protected override IEnumerable<Layer> ChildLayers => _stack;

    /// <summary>
    /// Keras's Sequential config: <c>name</c> and <c>layers</c> (<c>{"class_name", "config"}</c> each); the first
    /// layer's config carries the model's <c>batch_input_shape</c> once the model has an input.
    /// </summary>
    public override JsonObject GetConfig()
    {
        var layers = new JsonArray(Layers.Select(l => (JsonNode)LayerRegistry.Serialize(l)).ToArray());
        if (_input is not null && layers.Count > 0 && layers[0]?["config"] is JsonObject first)
        {
            // After name and trainable, where a layer given an input shape has it.
            first.Remove("batch_input_shape");
            first.Insert(Math.Min(2, first.Count), "batch_input_shape", ConfigJson.Dims(_input.Shape.Dims));
        }
        return new JsonObject { ["name"] = Name, ["layers"] = layers };
    }

    /// <summary>A Sequential model rebuilt from its config (built at once when the first layer has a batch_input_shape).</summary>
    /// <exception cref="ArgumentException">a malformed config or an unregistered layer class.</exception>
    public static new Sequential FromConfig(JsonObject config, LayerRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        registry ??= CreateRegistry();
        var specs = (config["layers"] as JsonArray ?? throw new ArgumentException("A Sequential config needs a 'layers' list."))
            .Select(s => s!.AsObject()).ToArray();
        var model = new Sequential(name: config["name"]?.GetValue<string>());
        foreach (var spec in specs) model.Add(registry.FromConfig(spec));
        return model;
    }

    /// <summary>Adds a layer on top of the stack.</summary>
    /// <exception cref="ArgumentException">the layer has several outputs, or is already in the model.</exception>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (_stack.Contains(layer)) throw new ArgumentException($"Layer {layer.Name} is already in the model.", nameof(layer));
        if (_output is null)
        {
            if (layer is InputLayer input)
            {
                _stack.Add(layer);
                Connect(input.Placeholder, input.Placeholder);
                return;
            }
            if (layer.BatchInputShape is { } batchShape && _stack.Count == 0)
                _input = new InputLayer(batchShape, name: layer.Name + "_input").Placeholder;
        }
        _stack.Add(layer);
        if (_input is not null) Connect(_input, ApplyOne(layer, _output ?? _input));
    }

    private void Connect(Node input, Node output)
    {
        _input = input;
        _output = output;
        InitGraph([input], [output]);
    }

    private static Node ApplyOne(Layer layer, Node x)
    {
        var outputs = layer.ApplyMultiple([x]);
        return outputs.Count == 1
            ? outputs[0]
            : throw new ArgumentException("All layers in a Sequential model should have a single output tensor. For multi-output layers, use the functional API.");
    }

    /// <summary>Keras's deferred build: creates the input from <paramref name="inputShape"/> and connects the layers.</summary>
    protected override void Build(Shape inputShape)
    {
        if (_stack.Count == 0) throw new InvalidOperationException($"Sequential model {Name} has no layers.");
        var input = new InputLayer(inputShape.Dims.Select((d, i) => i == 0 ? null : d).ToArray(), name: Name + "_input").Placeholder;
        var x = input;
        foreach (var layer in _stack) x = ApplyOne(layer, x);
        Connect(input, x);
    }
}
