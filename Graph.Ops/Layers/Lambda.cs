using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Lambda(function, output_shape, mask)</c>: wraps graph-building code as a layer so a model can replay
/// it. Without an output-shape function the shape is found, as Keras 2 does, by applying the function to a
/// placeholder. It supports masking only when a mask (function) is given, which then computes the output mask.
/// </summary>
public sealed class Lambda : Layer
{
    private readonly Func<IReadOnlyList<Node>, Node> _function;
    private readonly Func<Shape, Shape>? _outputShape;
    private readonly Func<Node, Node?, Node?>? _mask;
    private readonly bool _takesList;

    /// <summary>A layer applying <paramref name="function"/> to one input.</summary>
    public Lambda(Func<Node, Node> function, Func<Shape, Shape>? outputShape = null, Func<Node, Node?, Node?>? mask = null, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = inputs => function(inputs[0]);
        _outputShape = outputShape;
        _mask = mask;
        SupportsMasking = mask is not null;
    }

    private Lambda(Func<IReadOnlyList<Node>, Node> function, string? name) : base(name)
    {
        _function = function ?? throw new ArgumentNullException(nameof(function));
        _takesList = true;
    }

    /// <summary>
    /// The name the function is registered under in a <see cref="LayerRegistry"/>; a Lambda round-trips through
    /// its config only when it has one (Keras pickles code; we name it).
    /// </summary>
    public string? FunctionName { get; init; }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">no <see cref="FunctionName"/>, or a list function.</exception>
    protected override void AddConfig(JsonObject config)
    {
        if (FunctionName is null || _takesList)
            throw new NotSupportedException($"Lambda layer {Name} has no config: give it a FunctionName registered with LayerRegistry.RegisterFunction.");
        config["function"] = FunctionName;
        config["function_type"] = "registered";
    }

    /// <summary>A layer applying <paramref name="function"/> to a list of inputs (no masking).</summary>
    public static Lambda OnList(Func<IReadOnlyList<Node>, Node> function, string? name = null) => new(function, name);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => _function([inputs]);

    /// <inheritdoc/>
    protected override IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks) =>
        _takesList ? [_function(inputs)] : base.Call(inputs, training, masks);

    /// <inheritdoc/>
    public override Node? ComputeMask(Node inputs, Node? mask) => _mask is null ? base.ComputeMask(inputs, mask) : _mask(inputs, mask);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        _outputShape?.Invoke(inputShape) ?? _function([G.Placeholder(inputShape)]).Shape;

    /// <inheritdoc/>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes) => _takesList
        ? [_function(inputShapes.Select(s => G.Placeholder(s)).ToArray()).Shape]
        : base.ComputeOutputShape(inputShapes);
}
