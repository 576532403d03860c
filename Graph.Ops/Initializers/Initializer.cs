using Graph.Core;

namespace Graph.Ops.Initializers;

/// <summary>
/// Base of the Keras initializers: a value generated in float64 from the shape and the seed the
/// <see cref="VariableStore"/> passes (so results are reproducible and independent of the variable's float type),
/// then rounded to the variable's dtype. Exposes its Keras identifier, class name and parameters
/// (<see cref="ClassName"/>, <see cref="Config"/>) for JSON model configs.
/// </summary>
public abstract class Initializer : IInitializer
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>The Keras class name used in serialized configs, e.g. <c>VarianceScaling</c>.</summary>
    public abstract string ClassName { get; }

    /// <summary>The constructor parameters under their Keras names (e.g. <c>scale</c>, <c>mode</c>, <c>distribution</c>).</summary>
    public abstract IReadOnlyDictionary<string, object> Config { get; }

    /// <summary>
    /// Throws if a variable of <paramref name="dtype"/> and <paramref name="dims"/> cannot be filled, so that
    /// <c>G.Variable</c>/<c>GetVariable</c> fail when the variable is built rather than when it is first read.
    /// </summary>
    /// <exception cref="ArgumentException">the dtype or shape does not suit the initializer.</exception>
    public virtual void Validate(DType dtype, ReadOnlySpan<int> dims)
    {
        if (!dtype.IsFloating())
            throw new ArgumentException($"The {Name} initializer fills float variables; this one is {dtype.Name()} {Shape.Format(dims)}.");
    }

    /// <summary>Fills a float variable with <see cref="Generate"/>'s values.</summary>
    /// <exception cref="ArgumentException">see <see cref="Validate"/>.</exception>
    public virtual void Fill(TensorBuffer target, ulong seed)
    {
        Validate(target.DType, target.Dims);
        if (target.DType == DType.Float64)
        {
            Generate(target.Span<double>(), target.Dims, seed);
            return;
        }
        var values = new double[target.Length];
        Generate(values, target.Dims, seed);
        var destination = target.Span<float>();
        for (int i = 0; i < values.Length; i++) destination[i] = (float)values[i];
    }

    /// <summary>Writes the initial values (row-major, <paramref name="dims"/> the variable's shape).</summary>
    protected abstract void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed);

    /// <summary><c>name {key: value, ...}</c>.</summary>
    public override string ToString() =>
        $"{Name} {{{string.Join(", ", Config.Select(p => $"{p.Key}: {Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)}"))}}}";
}
