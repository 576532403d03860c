using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// A functional network: the layer calls from <see cref="Input"/>s to outputs, itself a <see cref="Layer"/>.
/// Applying it to new nodes replays every recorded call on them (shared layers reuse their weights), with the
/// <c>training</c> values that were given explicitly when the graph was built and, otherwise, the value of this
/// network's own call (so <c>model.Apply(x, training: false)</c> freezes every inner Dropout/BatchNormalization).
/// Subclassed networks (no inputs/outputs) override Call and own the layers they apply in it.
/// </summary>
public class Network : Layer
{
    private NetworkGraph? _graph;
    private Node[] _inputs = [], _outputs = [];

    /// <summary>A functional network from <paramref name="inputs"/> (created by <see cref="Layers.Input"/>) to <paramref name="outputs"/>.</summary>
    /// <exception cref="ArgumentException">an input does not come from an Input, an output is not a layer's, or the graph is disconnected.</exception>
    public Network(IReadOnlyList<Node> inputs, IReadOnlyList<Node> outputs, string? name = null) : base(name) => InitGraph(inputs, outputs);

    /// <summary>A subclassed network: override Call; the layers applied in it become its layers.</summary>
    protected Network(string? name = null) : base(name) { }

    /// <summary>True for a functional network (built from inputs and outputs).</summary>
    public bool IsGraphNetwork => _graph is not null;

    /// <summary>The input nodes (placeholders of its input layers); empty for a subclassed network.</summary>
    public IReadOnlyList<Node> Inputs => _inputs;

    /// <summary>The output nodes; empty for a subclassed network.</summary>
    public IReadOnlyList<Node> Outputs => _outputs;

    /// <summary>The single input (Keras's <c>model.input</c>).</summary>
    public override Node Input => _graph is null ? base.Input : OnlyOne(_inputs, "input");

    /// <summary>The single output (Keras's <c>model.output</c>).</summary>
    public override Node Output => _graph is null ? base.Output : OnlyOne(_outputs, "output");

    /// <summary>The layers: for a functional network every layer of its graph, input layers first; else the tracked ones.</summary>
    public virtual IReadOnlyList<Layer> Layers => _graph?.Layers ?? ChildLayers.ToArray();

    /// <summary>The input layers of a functional network.</summary>
    public IReadOnlyList<InputLayer> InputLayers => _graph?.InputLayers ?? [];

    /// <summary>True iff an output depends on the learning phase through paths not resolved when it was built.</summary>
    public bool UsesLearningPhase => _outputs.Any(o => o.UsesLearningPhase);

    /// <inheritdoc/>
    protected override IEnumerable<Layer> ChildLayers => _graph?.Layers ?? base.ChildLayers;

    /// <summary>
    /// Updates of the calls in this network's graph (each including those of the layers it called) and the
    /// unconditional updates of its layers; for a subclassed network, those of every call.
    /// </summary>
    public override IReadOnlyList<Node> Updates => _graph is null
        ? base.Updates
        : Distinct(_graph.Calls.SelectMany(c => c.Updates).Concat(Layers.SelectMany(l => l.UnconditionalUpdates)));

    /// <summary>Weight regularization of every layer and the per-call losses of this network's graph.</summary>
    public override IReadOnlyList<Node> Losses => _graph is null
        ? base.Losses
        : Distinct(Layers.SelectMany(l => l.UnconditionalLosses).Concat(_graph.Calls.SelectMany(c => c.Losses)));

    /// <summary>The calls of a functional network's graph, producers first (input layers excluded).</summary>
    internal IReadOnlyList<LayerCall> GraphCalls => _graph?.Calls ?? [];

    /// <summary>
    /// Keras 2's network config for a functional network: <c>name</c>, <c>layers</c> (each with its
    /// <c>inbound_nodes</c>), <c>input_layers</c>, <c>output_layers</c>; a subclassed network has only the base config.
    /// </summary>
    public override JsonObject GetConfig() => IsGraphNetwork ? NetworkConfig.Write(this) : base.GetConfig();

    /// <summary>The layer named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">no such layer.</exception>
    public Layer GetLayer(string name) =>
        Layers.FirstOrDefault(l => l.Name == name) ?? throw new ArgumentException($"No such layer: {name}", nameof(name));

    /// <summary>The layer at <paramref name="index"/> in <see cref="Layers"/>.</summary>
    public Layer GetLayer(int index) => index >= 0 && index < Layers.Count
        ? Layers[index]
        : throw new ArgumentOutOfRangeException(nameof(index),
            $"Was asked to retrieve layer at index {index} but model only has {Layers.Count} layers.");

    /// <summary>(Re)defines the graph of a functional network.</summary>
    protected void InitGraph(IReadOnlyList<Node> inputs, IReadOnlyList<Node> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        _graph = NetworkGraph.Build(inputs, outputs);
        _inputs = inputs.ToArray();
        _outputs = outputs.ToArray();
        MarkBuilt();
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        _graph is null ? base.Call(inputs, training, mask) : Run([inputs], [mask]).Outputs[0];

    /// <inheritdoc/>
    protected override IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks) =>
        _graph is null ? base.Call(inputs, training, masks) : Run(inputs, masks).Outputs;

    /// <inheritdoc/>
    public override IReadOnlyList<Node?> ComputeMask(IReadOnlyList<Node> inputs, IReadOnlyList<Node?> masks) =>
        _graph is null ? base.ComputeMask(inputs, masks) : Run(inputs, masks).Masks;

    /// <inheritdoc/>
    public override Node? ComputeMask(Node inputs, Node? mask) => _graph is null ? base.ComputeMask(inputs, mask) : Run([inputs], [mask]).Masks[0];

    /// <summary>Output shapes, propagated through each layer's ComputeOutputShape.</summary>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (_graph is null) return base.ComputeOutputShape(inputShapes);
        CheckCount(inputShapes.Count);
        var shapes = new Dictionary<Node, Shape>();
        for (int i = 0; i < _inputs.Length; i++) shapes[_inputs[i]] = inputShapes[i];
        foreach (var call in _graph.Calls)
        {
            var inShapes = call.Inputs.Select(n => shapes[n]).ToArray();
            var outShapes = call.AsList ? call.Layer.ComputeOutputShape(inShapes) : [call.Layer.ComputeOutputShape(inShapes[0])];
            for (int i = 0; i < call.Outputs.Count; i++) shapes[call.Outputs[i]] = outShapes[i];
        }
        return _outputs.Select(o => shapes[o]).ToArray();
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        _graph is null ? base.ComputeOutputShape(inputShape) : ComputeOutputShape([inputShape])[0];

    private protected override (IReadOnlyList<Node>, IReadOnlyList<Node?>) Invoke(Node[] inputs, TrainingArg training, Node?[] masks, bool asList) =>
        _graph is null ? base.Invoke(inputs, training, masks, asList) : Run(inputs, masks);

    /// <summary>Keras 2's <c>run_internal_graph</c>: replays each call on the mapped nodes, without recording it.</summary>
    private (IReadOnlyList<Node> Outputs, IReadOnlyList<Node?> Masks) Run(IReadOnlyList<Node> inputs, IReadOnlyList<Node?> masks)
    {
        CheckCount(inputs.Count);
        var map = new Dictionary<Node, (Node Value, Node? Mask)>();
        for (int i = 0; i < _inputs.Length; i++) map[_inputs[i]] = (inputs[i], masks[i]);
        foreach (var call in _graph!.Calls)
        {
            var ins = call.Inputs.Select(n => map[n]).ToArray();
            var callMasks = call.ExplicitMasks?.ToArray() ?? ins.Select(v => v.Mask).ToArray();
            var (outs, outMasks) = call.Layer.ApplyWithMasks(ins.Select(v => v.Value).ToArray(), call.ExplicitTraining, callMasks, call.AsList, record: false);
            for (int i = 0; i < call.Outputs.Count; i++) map[call.Outputs[i]] = (outs[i], outMasks[i]);
        }
        return (_outputs.Select(o => map[o].Value).ToArray(), _outputs.Select(o => map[o].Mask).ToArray());
    }

    private void CheckCount(int count)
    {
        if (count != _inputs.Length)
            throw new ArgumentException($"Model {Name} expects {_inputs.Length} inputs, but it received {count} input tensors.");
    }

    private Node OnlyOne(Node[] nodes, string what) => nodes.Length == 1
        ? nodes[0]
        : throw new InvalidOperationException($"Model {Name} has {nodes.Length} {what}s; use {(what == "input" ? "Inputs" : "Outputs")}.");
}
