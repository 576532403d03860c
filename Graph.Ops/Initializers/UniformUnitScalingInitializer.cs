namespace Graph.Ops.Initializers;

/// <summary>
/// TF1's deprecated <c>uniform_unit_scaling_initializer(factor=1.0)</c>:
/// U(±factor·√(3 / max(1, ∏ shape[:-1]))), so a linear layer keeps its input's scale. For a scalar the input
/// size is 1. Prefer <see cref="VarianceScalingInitializer"/> (TF1's own advice).
/// </summary>
public sealed class UniformUnitScalingInitializer(double factor = 1.0) : Initializer
{
    /// <summary>Multiplier of the limit.</summary>
    public double Factor { get; } = factor;

    /// <inheritdoc/>
    public override string Name => "uniform_unit_scaling";

    /// <inheritdoc/>
    public override string ClassName => "UniformUnitScaling";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Config => new Dictionary<string, object> { ["factor"] = Factor };

    /// <summary>The bound <c>factor·√(3 / max(1, ∏ shape[:-1]))</c>.</summary>
    public double Limit(ReadOnlySpan<int> dims)
    {
        double inputSize = 1;
        for (int i = 0; i < dims.Length - 1; i++) inputSize *= dims[i];
        return Factor * Math.Sqrt(3 / Math.Max(1.0, inputSize));
    }

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed)
    {
        double limit = Limit(dims);
        Sampling.Uniform(values, seed);
        for (int i = 0; i < values.Length; i++) values[i] = limit * (2 * values[i] - 1);
    }
}
