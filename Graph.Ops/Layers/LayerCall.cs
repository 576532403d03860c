using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// One application of a layer (Keras's inbound <c>Node</c>): the input and output nodes, the masks, the
/// <c>training</c> value the caller gave explicitly (only that one is replayed when a model is re-applied, as in
/// tf.keras), and the updates and losses created while the call ran, including those of the layers it called.
/// </summary>
public sealed class LayerCall
{
    private readonly List<Node> _updates = new();
    private readonly List<Node> _losses = new();

    internal LayerCall(Layer layer, Node[] inputs, TrainingArg explicitTraining, Node?[]? explicitMasks, bool asList)
    {
        Layer = layer;
        Inputs = inputs;
        ExplicitTraining = explicitTraining;
        ExplicitMasks = explicitMasks;
        AsList = asList;
    }

    /// <summary>The layer that was applied.</summary>
    public Layer Layer { get; }

    /// <summary>The input nodes, in order.</summary>
    public IReadOnlyList<Node> Inputs { get; }

    /// <summary>The output nodes, in order.</summary>
    public IReadOnlyList<Node> Outputs { get; internal set; } = [];

    /// <summary>The masks of the inputs the call received (explicit or carried by the inputs).</summary>
    public IReadOnlyList<Node?> InputMasks { get; internal set; } = [];

    /// <summary>The masks of the outputs (null where none).</summary>
    public IReadOnlyList<Node?> OutputMasks { get; internal set; } = [];

    /// <summary>The <c>training</c> argument as the caller gave it (absent when it came from the context).</summary>
    public TrainingArg ExplicitTraining { get; }

    /// <summary>Masks the caller passed explicitly, or null (then the inputs' own masks were used).</summary>
    public IReadOnlyList<Node?>? ExplicitMasks { get; }

    /// <summary>True when the layer was given a list of inputs (merges), false for a single node.</summary>
    public bool AsList { get; }

    /// <summary>Updates (Assign nodes) created during the call.</summary>
    public IReadOnlyList<Node> Updates => _updates;

    /// <summary>Losses created during the call (activity regularization, <see cref="Layer.AddLoss"/> inside Call).</summary>
    public IReadOnlyList<Node> Losses => _losses;

    internal void AddUpdate(Node update)
    {
        if (!_updates.Contains(update)) _updates.Add(update);
    }

    internal void AddLoss(Node loss)
    {
        if (!_losses.Contains(loss)) _losses.Add(loss);
    }

    /// <summary><c>dense(input_1) -> [dense/BiasAdd]</c>.</summary>
    public override string ToString() =>
        $"{Layer.Name}({string.Join(", ", Inputs.Select(n => n.Name))}) -> [{string.Join(", ", Outputs.Select(n => n.Name))}]";
}
