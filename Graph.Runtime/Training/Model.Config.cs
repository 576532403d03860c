using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Ops.Layers;

namespace Graph.Runtime.Training;

public partial class Model
{
    /// <summary>
    /// The built-in layers (<see cref="LayerRegistry.CreateDefault"/>) plus <c>Model</c> (functional) and
    /// <c>Sequential</c>, so nested models load too. Register custom layers and Lambda functions on the result.
    /// </summary>
    public static LayerRegistry CreateRegistry() => LayerRegistry.CreateDefault()
        .Register("Model", c => FromConfig(c.Config, c.Registry))
        .Register("Sequential", c => Sequential.FromConfig(c.Config, c.Registry));

    /// <summary>A functional model rebuilt from Keras 2's network config (new layers, new weights).</summary>
    /// <exception cref="ArgumentException">a malformed config or an unregistered layer class.</exception>
    public static Model FromConfig(JsonObject config, LayerRegistry? registry = null) =>
        NetworkConfig.FromConfig(config, registry ?? CreateRegistry(), (inputs, outputs, name) => new Model(inputs, outputs, name));

    /// <summary>Keras's <c>to_json()</c>: <c>{"class_name": ..., "config": ...}</c>.</summary>
    public string ToJson(bool indented = false) => LayerRegistry.ToJson(this, indented);

    /// <summary>Keras's <c>model_from_json</c>: a functional or Sequential model (or any registered model class).</summary>
    /// <exception cref="ArgumentException">the JSON does not describe a model, or names an unregistered layer.</exception>
    public static Model FromJson(string json, LayerRegistry? registry = null) =>
        (registry ?? CreateRegistry()).FromJson(json) as Model
        ?? throw new ArgumentException("The JSON describes a layer, not a model.", nameof(json));
}
