using Graph.Core;
using Graph.Ops.Initializers;

namespace Graph.Ops.Layers;

/// <summary>
/// A Keras initializer argument: an <see cref="IInitializer"/> or its Keras identifier (<c>"glorot_uniform"</c>,
/// <c>"zeros"</c>, ...), resolved through the initializers' one table. Default: glorot_uniform for floats, as
/// tf.keras's <c>add_weight</c>.
/// </summary>
public readonly struct InitializerArg
{
    private readonly IInitializer? _initializer;
    private readonly string? _name;

    private InitializerArg(IInitializer? initializer, string? name) => (_initializer, _name) = (initializer, name);

    /// <summary>True when nothing was given.</summary>
    public bool IsDefault => _initializer is null && _name is null;

    /// <summary>The initializer for a weight of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">an unknown identifier.</exception>
    public IInitializer Resolve(Shape shape) =>
        _initializer ?? ByName(_name ?? "glorot_uniform", shape);

    private static IInitializer ByName(string name, Shape shape) => name switch
    {
        "glorot_uniform" => VarianceScalingInitializer.GlorotUniform(),
        "zeros" => ConstantInitializer.Zeros,
        "ones" => ConstantInitializer.Ones,
        _ => throw new ArgumentException($"Unknown initializer: {name}"),
    };

    public static implicit operator InitializerArg(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(null, name);
    }

    public static implicit operator InitializerArg(Initializers.ConstantInitializer initializer) => new(initializer, null);

    public static implicit operator InitializerArg(RandomUniformInitializer initializer) => new(initializer, null);

    /// <summary>An initializer object.</summary>
    public static InitializerArg From(IInitializer initializer) => new(initializer ?? throw new ArgumentNullException(nameof(initializer)), null);

    /// <summary>The identifier or the initializer's name.</summary>
    public override string ToString() => _initializer?.Name ?? _name ?? "default";
}
