namespace Graph.Ops.Initializers;

/// <summary>
/// Keras <c>RandomUniform(minval=-0.05, maxval=0.05)</c>: <c>minval + (maxval - minval)·u</c>, u ~ U[0, 1).
/// TF1's <c>random_uniform_initializer</c> defaults to (0, 1) instead; pass those values to get it.
/// </summary>
public sealed class RandomUniformInitializer : Initializer
{
    /// <summary>Uniform in [<paramref name="minval"/>, <paramref name="maxval"/>).</summary>
    /// <exception cref="ArgumentException">maxval &lt; minval.</exception>
    public RandomUniformInitializer(double minval = -0.05, double maxval = 0.05)
    {
        if (!(maxval >= minval)) throw new ArgumentException($"RandomUniform needs minval <= maxval; got {minval} and {maxval}.");
        MinVal = minval;
        MaxVal = maxval;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public double MinVal { get; }

    /// <summary>Upper bound (exclusive).</summary>
    public double MaxVal { get; }

    /// <inheritdoc/>
    public override string Name => "random_uniform";

    /// <inheritdoc/>
    public override string ClassName => "RandomUniform";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Config =>
        new Dictionary<string, object> { ["minval"] = MinVal, ["maxval"] = MaxVal };

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed)
    {
        Sampling.Uniform(values, seed);
        for (int i = 0; i < values.Length; i++) values[i] = MinVal + (MaxVal - MinVal) * values[i];
    }
}
