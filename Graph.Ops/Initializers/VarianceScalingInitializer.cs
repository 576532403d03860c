namespace Graph.Ops.Initializers;

/// <summary>
/// Keras <c>VarianceScaling(scale=1, mode="fan_in", distribution="normal")</c>: with
/// <c>s = scale / max(1, fan)</c> (fan = fan_in, fan_out or (fan_in + fan_out)/2 from <see cref="Fans"/>),
/// <list type="bullet">
/// <item><c>"normal"</c>/<c>"truncated_normal"</c>: truncated normal (±2 sd) with sd <c>√s / 0.87962566103423978</c>,
/// the constant being the sd of a unit normal truncated at ±2, so the values' variance is s (Keras 2.2.4, tf.keras);</item>
/// <item><c>"untruncated_normal"</c> (tf.keras): normal with sd <c>√s</c>;</item>
/// <item><c>"uniform"</c>: U(−√(3s), √(3s)).</item>
/// </list>
/// The named Keras initializers are instances: <see cref="GlorotUniform"/> (Xavier), <see cref="GlorotNormal"/>,
/// <see cref="HeNormal"/>, <see cref="HeUniform"/>, <see cref="LecunNormal"/>, <see cref="LecunUniform"/>.
/// </summary>
public sealed class VarianceScalingInitializer : Initializer
{
    /// <summary>sd of N(0, 1) truncated to [−2, 2]: <c>scipy.stats.truncnorm.std(a=-2, b=2)</c>.</summary>
    public const double TruncatedStdDevCorrection = 0.87962566103423978;

    private readonly bool _truncated;
    private readonly bool _uniform;

    /// <summary>Keras's constructor; <paramref name="mode"/> and <paramref name="distribution"/> take Keras's strings.</summary>
    /// <exception cref="ArgumentException">scale ≤ 0, or an unknown mode or distribution (Keras's wordings).</exception>
    public VarianceScalingInitializer(double scale = 1.0, string mode = "fan_in", string distribution = "normal")
        : this(scale, mode, distribution, "variance_scaling") { }

    private VarianceScalingInitializer(double scale, string mode, string distribution, string name)
    {
        if (!(scale > 0)) throw new ArgumentException($"`scale` must be a positive float. Got: {scale}");
        if (mode is not ("fan_in" or "fan_out" or "fan_avg"))
            throw new ArgumentException($"Invalid `mode` argument: expected one of {{\"fan_in\", \"fan_out\", \"fan_avg\"}} but got {mode}");
        (_truncated, _uniform, Distribution) = distribution switch
        {
            "normal" or "truncated_normal" => (true, false, "truncated_normal"),
            "untruncated_normal" => (false, false, "untruncated_normal"),
            "uniform" => (false, true, "uniform"),
            _ => throw new ArgumentException(
                $"Invalid `distribution` argument: expected one of {{\"normal\", \"truncated_normal\", \"untruncated_normal\", \"uniform\"}} but got {distribution}"),
        };
        Scale = scale;
        Mode = mode;
        Name = name;
    }

    /// <summary>Keras <c>glorot_uniform</c> (Xavier uniform): U(±√(6/(fan_in + fan_out))).</summary>
    public static VarianceScalingInitializer GlorotUniform() => new(1, "fan_avg", "uniform", "glorot_uniform");

    /// <summary>Keras <c>glorot_normal</c> (Xavier normal): truncated normal with variance 2/(fan_in + fan_out).</summary>
    public static VarianceScalingInitializer GlorotNormal() => new(1, "fan_avg", "normal", "glorot_normal");

    /// <summary>Keras <c>he_normal</c>: truncated normal with variance 2/fan_in.</summary>
    public static VarianceScalingInitializer HeNormal() => new(2, "fan_in", "normal", "he_normal");

    /// <summary>Keras <c>he_uniform</c>: U(±√(6/fan_in)).</summary>
    public static VarianceScalingInitializer HeUniform() => new(2, "fan_in", "uniform", "he_uniform");

    /// <summary>Keras <c>lecun_normal</c>: truncated normal with variance 1/fan_in.</summary>
    public static VarianceScalingInitializer LecunNormal() => new(1, "fan_in", "normal", "lecun_normal");

    /// <summary>Keras <c>lecun_uniform</c>: U(±√(3/fan_in)).</summary>
    public static VarianceScalingInitializer LecunUniform() => new(1, "fan_in", "uniform", "lecun_uniform");

    /// <summary>The scale factor.</summary>
    public double Scale { get; }

    /// <summary><c>fan_in</c>, <c>fan_out</c> or <c>fan_avg</c>.</summary>
    public string Mode { get; }

    /// <summary><c>truncated_normal</c> (Keras's <c>normal</c>), <c>untruncated_normal</c> or <c>uniform</c>.</summary>
    public string Distribution { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override string ClassName => "VarianceScaling";

    /// <summary>Keras's parameters; the truncated distribution is written <c>normal</c>, which Keras 2 and tf.keras both read as truncated.</summary>
    public override IReadOnlyDictionary<string, object> Config => new Dictionary<string, object>
    {
        ["scale"] = Scale,
        ["mode"] = Mode,
        ["distribution"] = _truncated ? "normal" : Distribution,
    };

    /// <summary><c>scale / max(1, fan)</c> for a variable of shape <paramref name="dims"/>: the values' variance.</summary>
    public double Variance(ReadOnlySpan<int> dims)
    {
        var (fanIn, fanOut) = Fans.Compute(dims);
        double fan = Mode switch { "fan_in" => fanIn, "fan_out" => fanOut, _ => (fanIn + fanOut) / 2 };
        return Scale / Math.Max(1.0, fan);
    }

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed)
    {
        double s = Variance(dims), multiplier;
        if (_uniform)
        {
            double limit = Math.Sqrt(3 * s);
            Sampling.Uniform(values, seed);
            for (int i = 0; i < values.Length; i++) values[i] = limit * (2 * values[i] - 1);
            return;
        }
        if (_truncated)
        {
            Sampling.TruncatedNormal(values, seed);
            multiplier = Math.Sqrt(s) / TruncatedStdDevCorrection;
        }
        else
        {
            Sampling.Normal(values, seed);
            multiplier = Math.Sqrt(s);
        }
        for (int i = 0; i < values.Length; i++) values[i] *= multiplier;
    }
}
