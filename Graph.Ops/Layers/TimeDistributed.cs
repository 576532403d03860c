using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>TimeDistributed(layer)</c>: applies the inner layer to every step of <c>(batch, steps, …)</c> by folding
/// the steps into the batch (<c>(batch·steps, …)</c>), then unfolding. The inner layer is owned (its weights are this
/// layer's) and gets this call's <c>training</c>. The input mask passes through.
/// </summary>
public sealed class TimeDistributed : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["layer"] = LayerRegistry.Serialize(Layer);
    }

    /// <summary>Wraps <paramref name="layer"/>.</summary>
    public TimeDistributed(Layer layer, string? name = null) : base(name)
    {
        Layer = TrackLayer(layer ?? throw new ArgumentNullException(nameof(layer)));
        SupportsMasking = true;
        InputSpec = new InputSpec(minNdim: 3);
    }

    /// <summary>The wrapped layer.</summary>
    public Layer Layer { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        var sample = inputs.Shape.Dims.Skip(2).Select(d => d ?? throw new ArgumentException(
            $"Layer {Name}: TimeDistributed needs known dimensions after the steps; got {inputs.Shape}.")).ToArray();
        var inner = Layer.Apply(G.Reshape(inputs, [-1, .. sample]), training);
        var innerSample = inner.Shape.Dims.Skip(1).Select(d => d ?? throw new ArgumentException(
            $"Layer {Name}: the inner layer's output {inner.Shape} must have known dimensions after the batch.")).ToArray();
        if (inputs.Shape[1] is { } steps) return G.Reshape(inner, [-1, steps, .. innerSample]);
        // Batch and steps both unknown: one −1 cannot express (batch, steps, …), so take them from a node of that shape.
        var batchAndSteps = G.ZerosLike(G.Sum(inputs, Enumerable.Range(2, inputs.Shape.Rank - 2).ToArray()));
        for (int i = 0; i < innerSample.Length; i++) batchAndSteps = G.ExpandDims(batchAndSteps, -1);
        var like = G.Add(batchAndSteps, G.Constant(TensorBuffer.Zeros(batchAndSteps.DType, innerSample)));
        return G.ReshapeLike(inner, like);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var inner = Layer.ComputeOutputShape(new Shape([null, .. inputShape.Dims.Skip(2)]));
        return new Shape([inputShape[0], inputShape[1], .. inner.Dims.Skip(1)]);
    }
}
