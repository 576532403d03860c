using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>GaussianNoise(stddev)</c>: <c>x + N(0, stddev)</c> in training, x otherwise. There is no short-cut for
/// stddev 0, so the output always uses the phase (Keras 2). Supports masking.
/// </summary>
public sealed class GaussianNoise : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["stddev"] = Stddev;
        config["seed"] = Seed;
    }

    /// <summary>Additive Gaussian noise.</summary>
    public GaussianNoise(double stddev, int? seed = null, string? name = null) : base(name)
    {
        Stddev = stddev;
        Seed = seed;
        SupportsMasking = true;
    }

    /// <summary>Standard deviation of the noise.</summary>
    public double Stddev { get; }

    /// <summary>Op seed, or null.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        G.InTrainPhase(() => G.Add(inputs, G.RandomNormalLike(inputs, 0, Stddev, Seed)), () => inputs, training);
}

/// <summary>
/// Keras's <c>GaussianDropout(rate)</c>: <c>x · N(1, √(rate/(1 − rate)))</c> in training when 0 &lt; rate &lt; 1, otherwise
/// the identity with no phase dependency. Supports masking.
/// </summary>
public sealed class GaussianDropout : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["rate"] = Rate;
        config["seed"] = Seed;
    }

    /// <summary>Multiplicative Gaussian noise.</summary>
    public GaussianDropout(double rate, int? seed = null, string? name = null) : base(name)
    {
        Rate = rate;
        Seed = seed;
        SupportsMasking = true;
    }

    /// <summary>The drop probability the noise mimics.</summary>
    public double Rate { get; }

    /// <summary>Op seed, or null.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        if (!(Rate > 0 && Rate < 1)) return inputs;
        double stddev = Math.Sqrt(Rate / (1 - Rate));
        return G.InTrainPhase(() => G.Mul(inputs, G.RandomNormalLike(inputs, 1, stddev, Seed)), () => inputs, training);
    }
}

/// <summary>
/// Keras's <c>AlphaDropout(rate, noise_shape, seed)</c>, which keeps SELU's self-normalization: with
/// <c>α' = −1.6732632423543772·1.0507009873554805</c>, <c>kept = U[0,1) ≥ rate</c>,
/// <c>a = ((1 − rate)(1 + rate·α'²))^−½</c>, <c>b = −a·α'·rate</c>, the training output is
/// <c>a·(x·kept + α'·(1 − kept)) + b</c>; only when 0 &lt; rate &lt; 1 (otherwise the identity). Supports masking.
/// </summary>
public sealed class AlphaDropout : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["rate"] = Rate;
        config["noise_shape"] = ConfigJson.Dims(NoiseShape);
        config["seed"] = Seed;
    }

    private const double Alpha = 1.6732632423543772848170429916717;
    private const double Scale = 1.0507009873554804934193349852946;

    /// <summary>Alpha dropout.</summary>
    public AlphaDropout(double rate, int?[]? noiseShape = null, int? seed = null, string? name = null) : base(name)
    {
        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
        SupportsMasking = true;
    }

    /// <summary>The drop probability.</summary>
    public double Rate { get; }

    /// <summary>Noise shape (null entries take the input's size), or null.</summary>
    public int?[]? NoiseShape { get; }

    /// <summary>Op seed, or null.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        if (!(Rate > 0 && Rate < 1)) return inputs;
        return G.InTrainPhase(() =>
        {
            const double alphaP = -Alpha * Scale;
            var kept = G.Cast(G.GreaterEqual(G.RandomUniformLike(inputs, seed: Seed, noiseShape: NoiseShape), Rate), inputs.DType);
            double a = Math.Pow((1 - Rate) * (1 + Rate * alphaP * alphaP), -0.5);
            double b = -a * alphaP * Rate;
            var x = G.Add(G.Mul(inputs, kept), G.Mul(G.Add(G.Neg(kept), 1.0), alphaP));
            return G.Add(G.Mul(x, a), b);
        }, () => inputs, training);
    }
}
