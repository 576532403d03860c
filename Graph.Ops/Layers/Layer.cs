using System.Text.RegularExpressions;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// The Keras layer: weights created once by <see cref="Build(Shape)"/> (via <see cref="AddWeight"/>), and a
/// <see cref="Call(Node, TrainingArg, Node?)"/> that builds the layer's graph each time it is applied.
/// <see cref="Apply(Node, TrainingArg?, Node?)"/> checks the <see cref="InputSpec"/>, builds once under the layer's
/// name scope (weights are named <c>dense/kernel</c>), passes <c>training</c> down to inner calls (tf.keras's call
/// context), computes the output mask and records the call (producing layer, masks) in the layer system's side table.
/// A layer applied inside another layer's Call is tracked as that layer's child (its weights, updates and losses
/// belong to the outer layer too), so custom layers need no bookkeeping and never set a learning-phase flag.
/// </summary>
public abstract partial class Layer
{
    private readonly List<LayerCall> _calls = new();
    private readonly string _scopeName;
    private LayerState? _callState; // the side table of the graph this layer is being called in, while its Call runs

    /// <summary>A layer named <paramref name="name"/>, or the snake_case of its class made unique per graph (tf.keras).</summary>
    protected Layer(string? name = null)
    {
        var state = LayerState.For(ComputationGraph.Default);
        if (name is null) Name = state.UniqueName(DefaultNamePrefix, oneBased: false);
        else
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A layer name must not be empty.", nameof(name));
            state.Reserve(name);
            Name = name;
        }
        _scopeName = Name;
    }

    /// <summary>The layer's name, unique per graph unless given twice by the user.</summary>
    public string Name { get; }

    /// <summary>The name prefix used when none is given: the class name in snake_case (Keras's <c>_to_snake_case</c>).</summary>
    protected virtual string DefaultNamePrefix => ToSnakeCase(GetType().Name);

    /// <summary>True once the weights exist.</summary>
    public bool Built { get; private set; }

    /// <summary>True when the layer accepts input masks (and, by default, passes the mask on).</summary>
    public bool SupportsMasking { get; protected init; }

    /// <summary>What the layer accepts; checked at every application. Layers may tighten it in Build.</summary>
    public InputSpec? InputSpec { get; protected set; }

    /// <summary>Keras's <c>input_shape</c> argument (without the batch): lets a first Sequential layer create its input.</summary>
    public int?[]? InputShape { get; init; }

    /// <summary>Keras's <c>batch_input_shape</c>; derived from <see cref="InputShape"/> when only that is given.</summary>
    public int?[]? BatchInputShape
    {
        get => _batchInputShape ?? (InputShape is { } s ? [null, .. s] : null);
        init => _batchInputShape = value;
    }

    private int?[]? _batchInputShape; // also restored from a config (LayerRegistry), before the layer is used

    /// <summary>Keras's <c>activity_regularizer</c>: a loss on each output, added per call.</summary>
    public IRegularizer? ActivityRegularizer { get; init; }

    /// <summary>Every recorded application of this layer, in order (Keras's inbound nodes).</summary>
    public IReadOnlyList<LayerCall> Calls => _calls;

    /// <summary>Applies the layer to one node. See <see cref="Apply(IReadOnlyList{Node}, TrainingArg?, IReadOnlyList{Node?}?)"/>.</summary>
    /// <param name="inputs">The input.</param>
    /// <param name="training">Explicit training value (priority 1); absent = the enclosing call's, the phase scope's, or the phase node.</param>
    /// <param name="mask">An explicit mask; null = the input's own mask, if a layer produced one.</param>
    public Node Apply(Node inputs, TrainingArg? training = null, Node? mask = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Single(ApplyCore([inputs], training ?? TrainingArg.Absent, mask is null ? null : [mask], asList: false, record: true));
    }

    /// <summary>Applies the layer to a list of nodes (merges, multi-input models); returns its single output.</summary>
    public Node Apply(IReadOnlyList<Node> inputs, TrainingArg? training = null, IReadOnlyList<Node?>? masks = null) =>
        Single(ApplyMultiple(inputs, training, masks));

    /// <summary>Applies the layer to a list of nodes and returns all its outputs (multi-output layers and models).</summary>
    public IReadOnlyList<Node> ApplyMultiple(IReadOnlyList<Node> inputs, TrainingArg? training = null, IReadOnlyList<Node?>? masks = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException($"Layer {Name} was called with an empty list of inputs.", nameof(inputs));
        if (masks is not null && masks.Count != inputs.Count)
            throw new ArgumentException($"Layer {Name} was given {masks.Count} masks for {inputs.Count} inputs.", nameof(masks));
        return ApplyCore(inputs.ToArray(), training ?? TrainingArg.Absent, masks?.ToArray(), asList: true, record: true);
    }

    /// <summary>Builds the weights for inputs of <paramref name="inputShape"/> (batch included) unless already built.</summary>
    public void EnsureBuilt(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        using var scope = ComputationGraph.Default.NameScope(_scopeName);
        EnsureBuilt([inputShape], asList: false);
    }

    /// <summary>Creates the weights (with <see cref="AddWeight"/>) for inputs of <paramref name="inputShape"/> (batch included).</summary>
    protected virtual void Build(Shape inputShape) { }

    /// <summary>Creates the weights for several inputs; one input goes to <see cref="Build(Shape)"/>.</summary>
    protected virtual void Build(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count == 1) Build(inputShapes[0]);
    }

    /// <summary>Builds the layer's graph for one input. Layers taking lists override the list overload instead.</summary>
    /// <exception cref="ArgumentException">the layer takes a list of inputs.</exception>
    protected virtual Node Call(Node inputs, TrainingArg training, Node? mask) =>
        throw new ArgumentException($"Layer {Name} takes a list of inputs; it was given one node ('{inputs.Name}').");

    /// <summary>Builds the layer's graph for a list of inputs; a one-element list goes to the single-input Call.</summary>
    /// <exception cref="ArgumentException">several inputs given to a single-input layer.</exception>
    protected virtual IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks)
    {
        if (inputs.Count != 1)
            throw new ArgumentException($"Layer {Name} expects 1 input, but it received {inputs.Count} input tensors.");
        return [Call(inputs[0], training, masks[0])];
    }

    /// <summary>The static output shape for an input shape (batch included); the identity by default.</summary>
    public virtual Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>Output shapes for several inputs; one input goes to <see cref="ComputeOutputShape(Shape)"/>.</summary>
    public virtual IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count != 1)
            throw new ArgumentException($"Layer {Name} expects 1 input shape, got {inputShapes.Count}.");
        return [ComputeOutputShape(inputShapes[0])];
    }

    /// <summary>
    /// The output mask (Keras 2.2.4): a layer without masking support that is given a mask throws; one with support
    /// passes the mask on; no mask gives none.
    /// </summary>
    /// <exception cref="ArgumentException">"Layer X does not support masking, but was passed an input_mask: ...".</exception>
    public virtual Node? ComputeMask(Node inputs, Node? mask)
    {
        if (mask is null) return null;
        if (!SupportsMasking)
            throw new ArgumentException($"Layer {Name} does not support masking, but was passed an input_mask: {mask}");
        return mask;
    }

    /// <summary>Output masks for several inputs; one input goes to <see cref="ComputeMask(Node, Node?)"/>.</summary>
    public virtual IReadOnlyList<Node?> ComputeMask(IReadOnlyList<Node> inputs, IReadOnlyList<Node?> masks)
    {
        if (inputs.Count == 1) return [ComputeMask(inputs[0], masks[0])];
        if (masks.All(m => m is null)) return masks;
        if (!SupportsMasking)
            throw new ArgumentException(
                $"Layer {Name} does not support masking, but was passed an input_mask: [{string.Join(", ", masks.Select(m => m?.ToString() ?? "None"))}]");
        return masks;
    }

    /// <summary>
    /// The engine of every application: resolves masks and the call context, builds once, calls, computes masks,
    /// adds activity losses and (when <paramref name="record"/>) records the call. Models re-applying their inner
    /// layers on new inputs use <c>record: false</c>, as Keras 2's <c>run_internal_graph</c>, so an inner layer keeps
    /// the calls it was built with (<c>model.GetLayer("hidden").Output</c> stays defined).
    /// </summary>
    internal IReadOnlyList<Node> ApplyCore(Node[] inputs, TrainingArg training, Node?[]? explicitMasks, bool asList, bool record) =>
        ApplyWithMasks(inputs, training, explicitMasks, asList, record).Outputs;

    internal (IReadOnlyList<Node> Outputs, IReadOnlyList<Node?> Masks) ApplyWithMasks(
        Node[] inputs, TrainingArg training, Node?[]? explicitMasks, bool asList, bool record)
    {
        var graph = inputs[0].Graph;
        foreach (var input in inputs)
            if (input.Graph != graph) throw new ArgumentException($"Layer {Name}: input '{input.Name}' belongs to another graph.");
        // Weights and nodes go to the inputs' graph, as TF1 builds ops in their tensors' graph.
        using var asDefault = graph == ComputationGraph.Default ? null : graph.AsDefault();
        var state = LayerState.For(graph);
        var masks = explicitMasks ?? inputs.Select(x => KerasHistory.MaskOf(x)).ToArray();
        var call = new LayerCall(this, inputs, training, explicitMasks, asList) { InputMasks = masks };
        var effective = training.IsAbsent ? graph.CallTraining : training;
        var parent = state.Current;

        using var scope = graph.NameScope(_scopeName);
        CheckInputSpec(inputs);
        EnsureBuilt(inputs.Select(x => x.Shape).ToArray(), asList);
        CheckInputSpec(inputs);

        IReadOnlyList<Node> outputs;
        IReadOnlyList<Node?> outputMasks;
        state.Push(new LayerState.Frame(this, call));
        var outerState = _callState;
        _callState = state;
        try
        {
            using (graph.PushCallTraining(effective))
                (outputs, outputMasks) = Invoke(inputs, effective, masks, asList);
            if (outputMasks.Count != outputs.Count)
                outputMasks = outputMasks.All(m => m is null)
                    ? new Node?[outputs.Count]
                    : throw new InvalidOperationException($"Layer {Name} computed {outputMasks.Count} masks for {outputs.Count} outputs.");
            // Keras copies an input returned unchanged, so the output carries its own history and mask.
            if (record)
                outputs = outputs.Select(o => inputs.Contains(o) ? G.Identity(o) : o).ToArray();
            if (ActivityRegularizer is { } activity)
                foreach (var output in outputs) call.AddLoss(activity.Apply(output));
        }
        finally
        {
            _callState = outerState;
            state.Pop();
        }

        call.Outputs = outputs;
        call.OutputMasks = outputMasks;
        Track(call, parent, record, state);
        return (outputs, outputMasks);
    }

    /// <summary>Runs Call and ComputeMask; models override it to compute both in one pass over their graph.</summary>
    private protected virtual (IReadOnlyList<Node>, IReadOnlyList<Node?>) Invoke(
        Node[] inputs, TrainingArg training, Node?[] masks, bool asList)
    {
        if (asList) return (Call(inputs, training, masks), ComputeMask(inputs, masks));
        var output = Call(inputs[0], training, masks[0]);
        return ([output], [ComputeMask(inputs[0], masks[0])]);
    }

    private void Track(LayerCall call, LayerState.Frame? parent, bool record, LayerState state)
    {
        foreach (var update in call.Updates) AddCallUpdate(update);
        foreach (var loss in call.Losses) AddCallLoss(loss);
        if (parent is not null)
        {
            parent.Layer.AddChild(this);
            foreach (var update in call.Updates) parent.Call.AddUpdate(update);
            foreach (var loss in call.Losses) parent.Call.AddLoss(loss);
        }
        if (!record) return;
        _calls.Add(call);
        for (int i = 0; i < call.Outputs.Count; i++) state.Record(call.Outputs[i], call, i);
    }

    /// <summary>Marks the layer built (networks are built by their graph).</summary>
    private protected void MarkBuilt() => Built = true;

    /// <summary>Records a call without inputs that produced <paramref name="output"/> (input layers).</summary>
    private protected void RecordSource(Node output)
    {
        var call = new LayerCall(this, [], TrainingArg.Absent, null, asList: false) { Outputs = [output], OutputMasks = [null] };
        _calls.Add(call);
        LayerState.For(output.Graph).Record(output, call, 0);
        Built = true;
    }

    private void EnsureBuilt(Shape[] shapes, bool asList)
    {
        if (Built) return;
        // Build belongs to no call: what it applies records no updates in, and takes no training value from, the
        // enclosing call (a deferred Sequential builds its own graph here).
        var graph = ComputationGraph.Default;
        using (LayerState.For(graph).Isolate())
        using (graph.PushCallTraining(TrainingArg.Absent))
        {
            if (asList) Build(shapes);
            else Build(shapes[0]);
        }
        Built = true;
    }

    private void CheckInputSpec(Node[] inputs)
    {
        if (InputSpec is not { } spec) return;
        for (int i = 0; i < inputs.Length; i++) spec.Check(inputs[i], i, Name);
    }

    private static Node Single(IReadOnlyList<Node> outputs) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"The layer returned {outputs.Count} outputs; use ApplyMultiple to get them all.");

    /// <summary>Keras's <c>_to_snake_case</c>: <c>BatchNormalization</c> → <c>batch_normalization</c>, <c>Conv2D</c> → <c>conv2d</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var intermediate = Regex.Replace(name, "(.)([A-Z][a-z0-9]+)", "$1_$2");
        var snake = Regex.Replace(intermediate, "([a-z])([A-Z])", "$1_$2").ToLowerInvariant();
        return snake[0] != '_' ? snake : "private" + snake;
    }

    /// <summary><c>Dense "dense"</c>.</summary>
    public override string ToString() => $"{GetType().Name} \"{Name}\"";
}
