using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// tf.keras's <c>LayerNormalization(axis=-1, epsilon=1e-3)</c>: per sample, <c>(x − mean)/√(var + ε)·gamma + beta</c>
/// with the mean and biased variance over <see cref="Axis"/>; gamma (ones) and beta (zeros) have that axis's size.
/// No phase dependency; supports masking.
/// </summary>
public sealed class LayerNormalization : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["axis"] = Axis;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = ConfigJson.Initializer(_betaInit);
        config["gamma_initializer"] = ConfigJson.Initializer(_gammaInit);
    }

    /// <summary>A layer normalization.</summary>
    public LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        InitializerArg betaInitializer = default, InitializerArg gammaInitializer = default, string? name = null) : base(name)
    {
        Axis = axis;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        _betaInit = betaInitializer.IsDefault ? "zeros" : betaInitializer;
        _gammaInit = gammaInitializer.IsDefault ? "ones" : gammaInitializer;
        SupportsMasking = true;
    }

    private readonly InitializerArg _betaInit, _gammaInit;

    /// <summary>The normalized axis.</summary>
    public int Axis { get; }

    /// <summary>Added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Whether beta is added.</summary>
    public bool Center { get; }

    /// <summary>Whether gamma multiplies.</summary>
    public bool Scale { get; }

    /// <summary>Scale (after build).</summary>
    public Node? Gamma { get; private set; }

    /// <summary>Offset (after build).</summary>
    public Node? Beta { get; private set; }

    /// <inheritdoc/>
    protected override void Build(Shape inputShape)
    {
        int axis = inputShape.NormalizeAxis(Axis);
        int dim = inputShape[axis] ?? throw new ArgumentException($"Layer {Name}: axis {Axis} of {inputShape} must be known.");
        if (Scale) Gamma = AddWeight("gamma", Shape.Of(dim), _gammaInit);
        if (Center) Beta = AddWeight("beta", Shape.Of(dim), _betaInit);
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        int rank = inputs.Shape.Rank, axis = inputs.Shape.NormalizeAxis(Axis);
        var mean = G.Mean(inputs, [axis], keepDims: true);
        var variance = G.Mean(G.Square(G.Sub(inputs, mean)), [axis], keepDims: true);
        var normalized = G.Mul(G.Sub(inputs, mean), G.Rsqrt(G.Add(variance, Epsilon)));
        if (Gamma is not null) normalized = G.Mul(normalized, Shaped(Gamma, axis, rank));
        if (Beta is not null) normalized = G.Add(normalized, Shaped(Beta, axis, rank));
        return normalized;
    }

    private static Node Shaped(Node v, int axis, int rank) =>
        axis == rank - 1 ? v : G.Reshape(v, Enumerable.Range(0, rank).Select(i => i == axis ? -1 : 1).ToArray());
}
