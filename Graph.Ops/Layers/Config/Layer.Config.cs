using System.Text.Json.Nodes;

namespace Graph.Ops.Layers;

public abstract partial class Layer
{
    /// <summary>The Keras class name in configs (the C# class name, as Keras's <c>__class__.__name__</c>).</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>
    /// Keras's <c>get_config()</c>: <c>name</c>, <c>trainable</c>, <c>batch_input_shape</c> when given, then the
    /// layer's own arguments under Keras's keys (<see cref="AddConfig"/>). A <see cref="LayerRegistry"/> rebuilds the
    /// layer from it.
    /// </summary>
    public virtual JsonObject GetConfig()
    {
        var config = new JsonObject { ["name"] = Name, ["trainable"] = Trainable };
        if (BatchInputShape is { } shape) config["batch_input_shape"] = ConfigJson.Dims(shape);
        AddConfig(config);
        return config;
    }

    /// <summary>Restores Keras's <c>batch_input_shape</c> of a layer just created from its config.</summary>
    internal void RestoreBatchInputShape(int?[] batchInputShape) => _batchInputShape = batchInputShape;

    /// <summary>Adds the layer's own arguments to its config; layers without arguments add nothing.</summary>
    protected virtual void AddConfig(JsonObject config) { }
}
