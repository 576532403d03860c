using Graph.Core;

namespace Graph.Ops.Layers;

public abstract partial class Layer
{
    private readonly List<LayerWeight> _weights = new();
    private readonly List<Layer> _children = new();
    private readonly List<Node> _ownUpdates = new();
    private readonly List<Node> _callUpdates = new();
    private readonly List<Node> _ownLosses = new();
    private readonly List<Node> _callLosses = new();
    private bool _trainable = true;

    /// <summary>
    /// Whether the weights are trained. The setter recurses into inner layers (tf.keras); while false,
    /// <see cref="TrainableWeights"/> is empty whatever the inner layers say. It concerns weights, not behaviour:
    /// a frozen Dropout still drops (BatchNormalization is the exception: frozen, it runs in inference mode).
    /// </summary>
    public virtual bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var child in ChildLayers) child.Trainable = value;
        }
    }

    /// <summary>Layers this layer owns: those applied inside its Call, or tracked with <see cref="TrackLayer{T}"/>.</summary>
    protected virtual IEnumerable<Layer> ChildLayers => _children;

    /// <summary>The weights the optimizer updates: own trainable weights, then the inner layers'.</summary>
    public IReadOnlyList<Node> TrainableWeights => !Trainable
        ? []
        : Distinct(_weights.Where(w => w.Trainable).Select(w => w.Variable).Concat(ChildLayers.SelectMany(c => c.TrainableWeights)));

    /// <summary>The other weights (moving statistics; every weight while <see cref="Trainable"/> is false).</summary>
    public IReadOnlyList<Node> NonTrainableWeights => !Trainable
        ? Distinct(_weights.Select(w => w.Variable).Concat(ChildLayers.SelectMany(c => c.Weights)))
        : Distinct(_weights.Where(w => !w.Trainable).Select(w => w.Variable).Concat(ChildLayers.SelectMany(c => c.NonTrainableWeights)));

    /// <summary>All weights: trainable first, then non-trainable (Keras's order).</summary>
    public IReadOnlyList<Node> Weights => Distinct(TrainableWeights.Concat(NonTrainableWeights));

    /// <summary>
    /// Updates (Assign nodes, e.g. BatchNormalization's moving statistics) of every call of this layer and its inner
    /// layers. Those built under a deferred phase are conditional on it: at phase 0 they assign the old value.
    /// </summary>
    public virtual IReadOnlyList<Node> Updates => Distinct(_ownUpdates.Concat(_callUpdates).Concat(ChildLayers.SelectMany(c => c.Updates)));

    /// <summary>Losses: weight regularization (unconditional) and those added per call (activity regularization).</summary>
    public virtual IReadOnlyList<Node> Losses => Distinct(UnconditionalLosses.Concat(_callLosses).Concat(ChildLayers.SelectMany(c => c.Losses)));

    /// <summary>Losses that do not depend on inputs (weight regularization), of this layer and its inner layers.</summary>
    public IReadOnlyList<Node> UnconditionalLosses => Distinct(_ownLosses.Concat(ChildLayers.SelectMany(c => c.UnconditionalLosses)));

    /// <summary>Updates added outside any call, of this layer and its inner layers.</summary>
    public IReadOnlyList<Node> UnconditionalUpdates => Distinct(_ownUpdates.Concat(ChildLayers.SelectMany(c => c.UnconditionalUpdates)));

    /// <summary>Constraints of this layer's and its inner layers' weights, to apply after each optimizer update.</summary>
    public IReadOnlyList<(Node Variable, IConstraint Constraint)> Constraints =>
        _weights.Where(w => w.Constraint is not null).Select(w => (w.Variable, w.Constraint!))
            .Concat(ChildLayers.SelectMany(c => c.Constraints)).DistinctBy(c => c.Item1).ToArray();

    /// <summary>
    /// Creates a weight of this layer (Keras's <c>add_weight</c>): a variable named <c>layer/name</c>, its
    /// regularization loss, and its constraint. Call it from <see cref="Build(Shape)"/>.
    /// </summary>
    protected Node AddWeight(string name, Shape shape, InitializerArg initializer = default, DType dtype = DType.Float32,
        IRegularizer? regularizer = null, bool trainable = true, IConstraint? constraint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"Layer {Name}: weight '{name}' needs a fully known shape; got {shape}.", nameof(shape));
        var variable = G.Variable(shape, dtype, initializer.Resolve(), name, trainable);
        _weights.Add(new LayerWeight(variable, trainable, constraint));
        if (regularizer is not null) _ownLosses.Add(regularizer.Apply(variable));
        return variable;
    }

    /// <summary>
    /// Adds updates (Keras's <c>add_update</c>): inside Call they belong to that call (and to the enclosing layer's
    /// call); outside any call they are unconditional.
    /// </summary>
    protected void AddUpdate(params Node[] updates)
    {
        var frame = FrameOfThis();
        foreach (var update in updates)
        {
            if (frame is not null) frame.Call.AddUpdate(update);
            else if (!_ownUpdates.Contains(update)) _ownUpdates.Add(update);
        }
    }

    /// <summary>
    /// Adds a loss (Keras's <c>add_loss</c>): inside Call it belongs to that call; outside any call it is
    /// unconditional (e.g. a regularizer on a weight).
    /// </summary>
    public void AddLoss(Node loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var frame = FrameOfThis();
        if (frame is not null) frame.Call.AddLoss(loss);
        else if (!_ownLosses.Contains(loss)) _ownLosses.Add(loss);
    }

    /// <summary>Makes <paramref name="layer"/> an inner layer of this one (for layers created but not applied in Call).</summary>
    protected T TrackLayer<T>(T layer) where T : Layer
    {
        AddChild(layer);
        return layer;
    }

    internal void AddChild(Layer layer)
    {
        if (layer != this && !_children.Contains(layer)) _children.Add(layer);
    }

    private void AddCallUpdate(Node update)
    {
        if (!_callUpdates.Contains(update)) _callUpdates.Add(update);
    }

    private void AddCallLoss(Node loss)
    {
        if (!_callLosses.Contains(loss)) _callLosses.Add(loss);
    }

    private LayerState.Frame? FrameOfThis()
    {
        var frame = LayerState.For(ComputationGraph.Default).Current;
        return frame?.Layer == this ? frame : null;
    }

    private protected static Node[] Distinct(IEnumerable<Node> nodes) => nodes.Distinct().ToArray();

    private sealed record LayerWeight(Node Variable, bool Trainable, IConstraint? Constraint);
}
