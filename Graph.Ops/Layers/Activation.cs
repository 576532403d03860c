using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>Keras's <c>Activation(activation)</c>: applies a named or given activation; supports masking.</summary>
public sealed class Activation : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["activation"] = Function.Name;
    }

    /// <summary>An activation layer, e.g. <c>new Activation("relu")</c>.</summary>
    public Activation(ActivationArg activation, string? name = null) : base(name)
    {
        Function = activation;
        SupportsMasking = true;
    }

    /// <summary>The activation.</summary>
    public ActivationArg Function { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => Function.Function(inputs);
}
