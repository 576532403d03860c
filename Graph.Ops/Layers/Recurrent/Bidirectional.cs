using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Bidirectional(layer, merge_mode='concat', backward_layer=None)</c>: the layer runs forwards and a copy
/// (same settings, fresh weights, <c>backward_NAME</c>) backwards; with sequences the backward outputs are reversed
/// back into input order before merging. Merge modes: <c>"concat"</c> (last axis), <c>"sum"</c>, <c>"mul"</c>,
/// <c>"ave"</c>, or null for both outputs as a list. With <c>ReturnState</c> the forward then backward final states
/// follow the output(s). Masks reach both directions; the output mask is the input mask with sequences. A masked
/// step carries the previous output in both directions (Keras 2.2.4), where tf.keras's Bidirectional outputs zeros.
/// </summary>
public sealed class Bidirectional : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["layer"] = LayerRegistry.Serialize(Forward);
        config["merge_mode"] = MergeMode;
        config["backward_layer"] = LayerRegistry.Serialize(Backward);
    }

    private static readonly string[] MergeModes = ["sum", "mul", "concat", "ave"];

    /// <summary>Wraps <paramref name="layer"/>; <paramref name="backwardLayer"/> is required for user cells.</summary>
    /// <exception cref="ArgumentException">an unknown merge mode, or a backward layer going the same way.</exception>
    public Bidirectional(RNN layer, string? mergeMode = "concat", RNN? backwardLayer = null, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (mergeMode is not null && !MergeModes.Contains(mergeMode))
            throw new ArgumentException($"Invalid merge mode. Merge mode should be one of {{\"sum\", \"mul\", \"ave\", \"concat\", None}}; got \"{mergeMode}\".", nameof(mergeMode));
        Forward = layer;
        Backward = backwardLayer ?? layer.CopyReversed("backward_" + layer.Name);
        if (Backward.GoBackwards == Forward.GoBackwards)
            throw new ArgumentException($"Bidirectional: the backward layer {Backward.Name} must have the opposite go_backwards of {Forward.Name}.", nameof(backwardLayer));
        if (Backward.ReturnSequences != Forward.ReturnSequences || Backward.ReturnState != Forward.ReturnState)
            throw new ArgumentException("Bidirectional: the forward and backward layers must agree on ReturnSequences and ReturnState.", nameof(backwardLayer));
        MergeMode = mergeMode;
        SupportsMasking = true;
        TrackLayer(Forward);
        TrackLayer(Backward);
    }

    /// <summary>The forward layer.</summary>
    public RNN Forward { get; }

    /// <summary>The backward layer.</summary>
    public RNN Backward { get; }

    /// <summary>How the two outputs combine (null: a list of both).</summary>
    public string? MergeMode { get; }

    private int OutputCount => (MergeMode is null ? 2 : 1) + (Forward.ReturnState ? 2 * Forward.Cell.StateSize.Count : 0);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        var outputs = CallCore(inputs, training, mask);
        return outputs.Count == 1 ? outputs[0]
            : throw new InvalidOperationException($"Layer {Name} has {outputs.Count} outputs; apply it with ApplyMultiple.");
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks)
    {
        if (inputs.Count != 1) throw new ArgumentException($"Layer {Name} expects 1 input, but it received {inputs.Count} input tensors.");
        return CallCore(inputs[0], training, masks[0]);
    }

    private IReadOnlyList<Node> CallCore(Node inputs, TrainingArg training, Node? mask)
    {
        var forward = Forward.ApplyMultiple([inputs], training, [mask]);
        var backward = Backward.ApplyMultiple([inputs], training, [mask]);
        Node y = forward[0], yRev = backward[0];
        if (Forward.ReturnSequences) yRev = RecurrentLoop.ReverseTime(yRev);
        IReadOnlyList<Node> merged = MergeMode switch
        {
            "concat" => [G.Concat([y, yRev], -1)],
            "sum" => [G.Add(y, yRev)],
            "mul" => [G.Mul(y, yRev)],
            "ave" => [G.Mul(G.Add(y, yRev), 0.5)],
            _ => [y, yRev],
        };
        return [.. merged, .. forward.Skip(1), .. backward.Skip(1)];
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var shape = Forward.ComputeOutputShape(inputShape);
        return MergeMode == "concat" ? shape.WithDim(-1, shape[-1] * 2) : shape;
    }

    /// <inheritdoc/>
    public override Node? ComputeMask(Node inputs, Node? mask) => Forward.ReturnSequences ? mask : null;

    /// <inheritdoc/>
    public override IReadOnlyList<Node?> ComputeMask(IReadOnlyList<Node> inputs, IReadOnlyList<Node?> masks)
    {
        var output = ComputeMask(inputs[0], masks[0]);
        return Enumerable.Range(0, OutputCount).Select(i => i < (MergeMode is null ? 2 : 1) ? output : null).ToArray();
    }
}
