namespace Graph.Ops.Initializers;

/// <summary>
/// Keras <c>RandomNormal(mean=0, stddev=0.05)</c>: <c>mean + stddev·z</c>, z ~ N(0, 1).
/// TF1's <c>random_normal_initializer</c> defaults to stddev 1.0 instead; pass it to get that.
/// </summary>
public sealed class RandomNormalInitializer(double mean = 0, double stddev = 0.05) : Initializer
{
    /// <summary>Mean of the distribution.</summary>
    public double Mean { get; } = mean;

    /// <summary>Standard deviation.</summary>
    public double StdDev { get; } = stddev >= 0 ? stddev : throw new ArgumentException($"RandomNormal needs stddev >= 0; got {stddev}.");

    /// <inheritdoc/>
    public override string Name => "random_normal";

    /// <inheritdoc/>
    public override string ClassName => "RandomNormal";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Config =>
        new Dictionary<string, object> { ["mean"] = Mean, ["stddev"] = StdDev };

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed)
    {
        Sampling.Normal(values, seed);
        for (int i = 0; i < values.Length; i++) values[i] = Mean + StdDev * values[i];
    }
}

/// <summary>
/// Keras <c>TruncatedNormal(mean=0, stddev=0.05)</c>: <c>mean + stddev·z</c> with z ~ N(0, 1) redrawn while
/// |z| &gt; 2, so every value lies within two standard deviations of the mean (the sample's standard deviation is
/// about 0.88·stddev). TF1's <c>truncated_normal_initializer</c> defaults to stddev 1.0 instead.
/// </summary>
public sealed class TruncatedNormalInitializer(double mean = 0, double stddev = 0.05) : Initializer
{
    /// <summary>Mean of the distribution.</summary>
    public double Mean { get; } = mean;

    /// <summary>Standard deviation of the untruncated normal.</summary>
    public double StdDev { get; } = stddev >= 0 ? stddev : throw new ArgumentException($"TruncatedNormal needs stddev >= 0; got {stddev}.");

    /// <inheritdoc/>
    public override string Name => "truncated_normal";

    /// <inheritdoc/>
    public override string ClassName => "TruncatedNormal";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Config =>
        new Dictionary<string, object> { ["mean"] = Mean, ["stddev"] = StdDev };

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed)
    {
        Sampling.TruncatedNormal(values, seed);
        for (int i = 0; i < values.Length; i++) values[i] = Mean + StdDev * values[i];
    }
}
