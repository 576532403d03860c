using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Embedding(input_dim, output_dim)</c>: looks up rows of an <c>(input_dim, output_dim)</c> table
/// (initializer <c>uniform</c> = ±0.05) for integer indices (float inputs are cast to int32, as Keras does). With
/// <see cref="MaskZero"/> the output mask is <c>inputs ≠ 0</c>; otherwise there is none. <see cref="InputLength"/>, when
/// given, must match the inputs' last dimension and fills it in the output shape.
/// </summary>
public sealed class Embedding : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["input_dim"] = InputDim;
        config["output_dim"] = OutputDim;
        config["embeddings_initializer"] = ConfigJson.Initializer(_initializer);
        config["embeddings_regularizer"] = ConfigJson.Regularizer(_regularizer);
        config["activity_regularizer"] = ConfigJson.Regularizer(ActivityRegularizer);
        config["embeddings_constraint"] = ConfigJson.Constraint(_constraint);
        config["mask_zero"] = MaskZero;
        config["input_length"] = InputLength;
    }

    /// <summary>An embedding of <paramref name="inputDim"/> indices into <paramref name="outputDim"/> dimensions.</summary>
    public Embedding(int inputDim, int outputDim, InitializerArg embeddingsInitializer = default,
        IRegularizer? embeddingsRegularizer = null, IRegularizer? activityRegularizer = null,
        IConstraint? embeddingsConstraint = null, bool maskZero = false, int? inputLength = null, string? name = null) : base(name)
    {
        if (inputDim <= 0 || outputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputDim), $"Embedding needs positive dimensions; got input_dim={inputDim}, output_dim={outputDim}.");
        InputDim = inputDim;
        OutputDim = outputDim;
        _initializer = embeddingsInitializer.IsDefault ? "uniform" : embeddingsInitializer;
        _regularizer = embeddingsRegularizer;
        _constraint = embeddingsConstraint;
        ActivityRegularizer = activityRegularizer;
        MaskZero = maskZero;
        InputLength = inputLength;
    }

    private readonly InitializerArg _initializer;
    private readonly IRegularizer? _regularizer;
    private readonly IConstraint? _constraint;

    /// <summary>Number of indices (vocabulary size).</summary>
    public int InputDim { get; }

    /// <summary>Size of each embedding.</summary>
    public int OutputDim { get; }

    /// <summary>Whether index 0 is padding (masked).</summary>
    public bool MaskZero { get; }

    /// <summary>The sequence length, if fixed.</summary>
    public int? InputLength { get; }

    /// <summary>The table (after build).</summary>
    public Node Embeddings { get; private set; } = null!;

    /// <inheritdoc/>
    protected override void Build(Shape inputShape) =>
        Embeddings = AddWeight("embeddings", Shape.Of(InputDim, OutputDim), _initializer, regularizer: _regularizer, constraint: _constraint);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        G.Gather(Embeddings, inputs.DType is DType.Int32 or DType.Int64 ? inputs : G.Cast(inputs, DType.Int32));

    /// <summary><c>inputs ≠ 0</c> with <see cref="MaskZero"/>, else none (an incoming mask is not propagated).</summary>
    public override Node? ComputeMask(Node inputs, Node? mask) => MaskZero ? G.NotEqual(inputs, 0.0) : null;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = inputShape.Dims;
        if (InputLength is { } length && inputShape.Rank >= 2)
        {
            if (dims[^1] is { } actual && actual != length)
                throw new ArgumentException($"\"input_length\" is {length}, but received input has shape {inputShape}");
            dims[^1] = length;
        }
        return new Shape([.. dims, OutputDim]);
    }
}
