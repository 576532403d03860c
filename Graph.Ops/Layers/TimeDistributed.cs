using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>TimeDistributed(layer)</c>: applies the inner layer to every step of <c>(batch, steps, …)</c> by folding
/// the steps into the batch (<c>(batch·steps, …)</c>), then unfolding. The inner layer is owned (its weights are this
/// layer's) and gets this call's <c>training</c>. The number of steps must be known. The input mask passes through.
/// </summary>
public sealed class TimeDistributed : Layer
{
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
        int steps = inputs.Shape[1] ?? throw new ArgumentException(
            $"Layer {Name}: TimeDistributed needs a known number of steps; got input shape {inputs.Shape}.");
        var sample = inputs.Shape.Dims.Skip(2).Select(d => d ?? throw new ArgumentException(
            $"Layer {Name}: TimeDistributed needs known dimensions after the steps; got {inputs.Shape}.")).ToArray();
        var folded = G.Reshape(inputs, [-1, .. sample]);
        var inner = Layer.Apply(folded, training);
        var innerSample = inner.Shape.Dims.Skip(1).Select(d => d ?? -1).ToArray();
        return G.Reshape(inner, [-1, steps, .. innerSample]);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var inner = Layer.ComputeOutputShape(new Shape([null, .. inputShape.Dims.Skip(2)]));
        return new Shape([inputShape[0], inputShape[1], .. inner.Dims.Skip(1)]);
    }
}
