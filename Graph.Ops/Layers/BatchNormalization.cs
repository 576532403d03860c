using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>BatchNormalization</c> (KERAS_SEMANTICS §5): normalizes over every axis but <see cref="Axis"/>.
/// Training: <c>(x − mean)/√(var + ε)·gamma + beta</c> with the batch's biased variance, and the updates
/// <c>moving := m·moving + (1 − m)·batch</c> (the variance for the update corrected by N/(N − (1 + ε)), as Keras 2).
/// Inference: the same with the moving statistics. The updates happen only when the layer runs in training: always
/// under a static true, conditional on the learning phase otherwise (at phase 0 they fold to <c>v := v</c> and are
/// dropped), never under a static false. With <see cref="Layer.Trainable"/> false it runs in inference mode (tf.keras 2).
/// Defaults: momentum 0.99, epsilon 1e-3, center and scale, gamma ones, beta zeros, moving mean zeros, moving variance ones.
/// </summary>
public sealed class BatchNormalization : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["axis"] = Axis;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = ConfigJson.Initializer(_betaInit);
        config["gamma_initializer"] = ConfigJson.Initializer(_gammaInit);
        config["moving_mean_initializer"] = ConfigJson.Initializer(_meanInit);
        config["moving_variance_initializer"] = ConfigJson.Initializer(_varianceInit);
        config["beta_regularizer"] = ConfigJson.Regularizer(_betaRegularizer);
        config["gamma_regularizer"] = ConfigJson.Regularizer(_gammaRegularizer);
        config["beta_constraint"] = ConfigJson.Constraint(_betaConstraint);
        config["gamma_constraint"] = ConfigJson.Constraint(_gammaConstraint);
    }

    /// <summary>A batch normalization layer.</summary>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        InitializerArg betaInitializer = default, InitializerArg gammaInitializer = default,
        InitializerArg movingMeanInitializer = default, InitializerArg movingVarianceInitializer = default,
        IRegularizer? betaRegularizer = null, IRegularizer? gammaRegularizer = null,
        IConstraint? betaConstraint = null, IConstraint? gammaConstraint = null, string? name = null) : base(name)
    {
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        _betaInit = betaInitializer.IsDefault ? "zeros" : betaInitializer;
        _gammaInit = gammaInitializer.IsDefault ? "ones" : gammaInitializer;
        _meanInit = movingMeanInitializer.IsDefault ? "zeros" : movingMeanInitializer;
        _varianceInit = movingVarianceInitializer.IsDefault ? "ones" : movingVarianceInitializer;
        (_betaRegularizer, _gammaRegularizer, _betaConstraint, _gammaConstraint) = (betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint);
        SupportsMasking = true;
    }

    private readonly InitializerArg _betaInit, _gammaInit, _meanInit, _varianceInit;
    private readonly IRegularizer? _betaRegularizer, _gammaRegularizer;
    private readonly IConstraint? _betaConstraint, _gammaConstraint;

    /// <summary>The features axis (not normalized over).</summary>
    public int Axis { get; }

    /// <summary>Momentum of the moving averages.</summary>
    public double Momentum { get; }

    /// <summary>Added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Whether beta is added.</summary>
    public bool Center { get; }

    /// <summary>Whether gamma multiplies.</summary>
    public bool Scale { get; }

    /// <summary>Scale (after build, when <see cref="Scale"/>).</summary>
    public Node? Gamma { get; private set; }

    /// <summary>Offset (after build, when <see cref="Center"/>).</summary>
    public Node? Beta { get; private set; }

    /// <summary>Moving mean (non-trainable).</summary>
    public Node MovingMean { get; private set; } = null!;

    /// <summary>Moving variance (non-trainable).</summary>
    public Node MovingVariance { get; private set; } = null!;

    /// <inheritdoc/>
    protected override void Build(Shape inputShape)
    {
        int axis = inputShape.NormalizeAxis(Axis);
        int dim = inputShape[axis] ?? throw new ArgumentException(
            $"Axis {Axis} of input tensor should have a defined dimension but the layer received an input with shape {inputShape}.");
        var shape = Shape.Of(dim);
        if (Scale) Gamma = AddWeight("gamma", shape, _gammaInit, regularizer: _gammaRegularizer, constraint: _gammaConstraint);
        if (Center) Beta = AddWeight("beta", shape, _betaInit, regularizer: _betaRegularizer, constraint: _betaConstraint);
        MovingMean = AddWeight("moving_mean", shape, _meanInit, trainable: false);
        MovingVariance = AddWeight("moving_variance", shape, _varianceInit, trainable: false);
        InputSpec = new InputSpec(ndim: inputShape.Rank, axes: new Dictionary<int, int> { [axis] = dim });
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        int rank = inputs.Shape.Rank, axis = inputs.Shape.NormalizeAxis(Axis);
        var resolved = Trainable ? G.ResolveTraining(training, inputs.Graph) : TrainingArg.Static(false);
        if (resolved.IsStatic && !resolved.StaticValue) return Normalize(inputs, MovingMean, MovingVariance, axis, rank);

        var reduction = Enumerable.Range(0, rank).Where(i => i != axis).ToArray();
        var mean = G.Mean(inputs, reduction);
        var variance = G.Mean(G.Square(G.Sub(inputs, Broadcastable(mean, axis, rank))), reduction);
        var trained = Normalize(inputs, mean, variance, axis, rank);

        // The sample count N (the product of the reduced dimensions) is known only at run time when the batch is not.
        var count = G.Sum(G.OnesLike(inputs), reduction);
        var unbiased = G.Div(G.Mul(variance, count), G.Add(count, -(1 + Epsilon)));
        AddUpdate(
            G.Assign(MovingMean, Conditional(resolved, MovingAverage(MovingMean, mean), MovingMean)),
            G.Assign(MovingVariance, Conditional(resolved, MovingAverage(MovingVariance, unbiased), MovingVariance)));
        return G.InTrainPhase(() => trained, () => Normalize(inputs, MovingMean, MovingVariance, axis, rank), resolved);
    }

    private Node MovingAverage(Node moving, Node batch) => G.Add(G.Mul(moving, Momentum), G.Mul(batch, 1 - Momentum));

    private static Node Conditional(TrainingArg training, Node whenTraining, Node otherwise) =>
        training.IsStatic ? whenTraining : G.Switch(training.Node!, whenTraining, otherwise);

    /// <summary>TF's <c>batch_normalization</c>: <c>x·inv + (beta − mean·inv)</c> with <c>inv = gamma/√(var + ε)</c>.</summary>
    private Node Normalize(Node x, Node mean, Node variance, int axis, int rank)
    {
        var inv = G.Rsqrt(G.Add(variance, Epsilon));
        if (Gamma is not null) inv = G.Mul(inv, Gamma);
        var offset = Beta is null ? G.Neg(G.Mul(mean, inv)) : G.Sub(Beta, G.Mul(mean, inv));
        return G.Add(G.Mul(x, Broadcastable(inv, axis, rank)), Broadcastable(offset, axis, rank));
    }

    /// <summary>A per-feature vector shaped to broadcast against the input (a no-op for the last axis).</summary>
    private static Node Broadcastable(Node v, int axis, int rank) =>
        axis == rank - 1 ? v : G.Reshape(v, Enumerable.Range(0, rank).Select(i => i == axis ? -1 : 1).ToArray());
}
