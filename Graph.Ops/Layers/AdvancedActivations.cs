using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>Keras's <c>LeakyReLU(alpha=0.3)</c>: <c>x</c> for x ≥ 0, else <c>alpha·x</c>. Supports masking.</summary>
public sealed class LeakyReLU : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["alpha"] = Alpha;
    }

    /// <summary>A leaky ReLU with slope <paramref name="alpha"/> below zero.</summary>
    public LeakyReLU(double alpha = 0.3, string? name = null) : base(name)
    {
        Alpha = alpha;
        SupportsMasking = true;
    }

    /// <summary>The slope below zero.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Relu(inputs, alpha: Alpha);
}

/// <summary>Keras's <c>ELU(alpha=1.0)</c>: <c>x</c> for x &gt; 0, else <c>alpha·(eˣ − 1)</c>. Supports masking.</summary>
public sealed class ELU : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["alpha"] = Alpha;
    }

    /// <summary>An ELU layer.</summary>
    public ELU(double alpha = 1.0, string? name = null) : base(name)
    {
        Alpha = alpha;
        SupportsMasking = true;
    }

    /// <summary>The scale of the negative part.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Elu(inputs, Alpha);
}

/// <summary>Keras's <c>ThresholdedReLU(theta=1.0)</c>: <c>x · (x &gt; theta)</c>. Supports masking.</summary>
public sealed class ThresholdedReLU : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["theta"] = Theta;
    }

    /// <summary>A thresholded ReLU.</summary>
    public ThresholdedReLU(double theta = 1.0, string? name = null) : base(name)
    {
        Theta = theta;
        SupportsMasking = true;
    }

    /// <summary>The threshold.</summary>
    public double Theta { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        G.Mul(inputs, G.Cast(G.Greater(inputs, Theta), inputs.DType));
}

/// <summary>Keras's <c>Softmax(axis=-1)</c> layer. Supports masking.</summary>
public sealed class Softmax : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["axis"] = Axis;
    }

    /// <summary>A softmax along <paramref name="axis"/>.</summary>
    public Softmax(int axis = -1, string? name = null) : base(name)
    {
        Axis = axis;
        SupportsMasking = true;
    }

    /// <summary>The normalized axis.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => Activations.Softmax(inputs, Axis);
}

/// <summary>
/// Keras's <c>PReLU</c>: <c>relu(x) − alpha · relu(−x)</c> with a learned <c>alpha</c> of the input's shape without the
/// batch (zeros), shared (size 1) along <see cref="SharedAxes"/> (1-based axes of the input, as Keras). Supports masking.
/// </summary>
public sealed class PReLU : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["alpha_initializer"] = ConfigJson.Initializer(AlphaInitializer);
        config["alpha_regularizer"] = ConfigJson.Regularizer(AlphaRegularizer);
        config["alpha_constraint"] = ConfigJson.Constraint(AlphaConstraint);
        config["shared_axes"] = ConfigJson.Ints(SharedAxes);
    }

    /// <summary>A parametric ReLU.</summary>
    public PReLU(InitializerArg alphaInitializer = default, IRegularizer? alphaRegularizer = null,
        IConstraint? alphaConstraint = null, int[]? sharedAxes = null, string? name = null) : base(name)
    {
        AlphaInitializer = alphaInitializer.IsDefault ? "zeros" : alphaInitializer;
        AlphaRegularizer = alphaRegularizer;
        AlphaConstraint = alphaConstraint;
        SharedAxes = sharedAxes ?? [];
        SupportsMasking = true;
    }

    /// <summary>Initializer of alpha (zeros).</summary>
    public InitializerArg AlphaInitializer { get; }

    /// <summary>Penalty on alpha, or null.</summary>
    public IRegularizer? AlphaRegularizer { get; }

    /// <summary>Constraint on alpha, or null.</summary>
    public IConstraint? AlphaConstraint { get; }

    /// <summary>Axes (1-based, batch = 0) along which alpha is shared.</summary>
    public int[] SharedAxes { get; }

    /// <summary>The alpha weight (after build).</summary>
    public Node Alpha { get; private set; } = null!;

    /// <inheritdoc/>
    protected override void Build(Shape inputShape)
    {
        var dims = new int[inputShape.Rank - 1];
        var axes = new Dictionary<int, int>();
        for (int i = 1; i < inputShape.Rank; i++)
        {
            if (SharedAxes.Contains(i)) { dims[i - 1] = 1; continue; }
            dims[i - 1] = inputShape[i] ?? throw new ArgumentException($"Layer {Name}: PReLU needs known dimensions except the batch and shared axes; got {inputShape}.");
            axes[i] = dims[i - 1];
        }
        Alpha = AddWeight("alpha", Shape.Of(dims), AlphaInitializer, regularizer: AlphaRegularizer, constraint: AlphaConstraint);
        InputSpec = new InputSpec(ndim: inputShape.Rank, axes: axes);
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        G.Sub(G.Relu(inputs), G.Mul(Alpha, G.Relu(G.Neg(inputs))));
}
