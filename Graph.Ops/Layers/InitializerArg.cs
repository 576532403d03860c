using Graph.Core;
using Graph.Ops.Initializers;

namespace Graph.Ops.Layers;

/// <summary>
/// A Keras initializer argument: an <see cref="Initializer"/> or its Keras identifier (<c>"glorot_uniform"</c>,
/// <c>"zeros"</c>, ...), resolved through <see cref="Initializers.Initializers.Get"/> (the one table). Default:
/// glorot_uniform, as Keras's <c>add_weight</c> for float weights.
/// </summary>
public readonly struct InitializerArg
{
    private readonly IInitializer? _initializer;
    private readonly string? _name;

    private InitializerArg(IInitializer? initializer, string? name) => (_initializer, _name) = (initializer, name);

    /// <summary>True when nothing was given.</summary>
    public bool IsDefault => _initializer is null && _name is null;

    /// <summary>The initializer.</summary>
    /// <exception cref="ArgumentException">an unknown identifier.</exception>
    public IInitializer Resolve() => _initializer ?? Initializers.Initializers.Get(_name ?? "glorot_uniform");

    public static implicit operator InitializerArg(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(null, name);
    }

    public static implicit operator InitializerArg(Initializer initializer) =>
        new(initializer ?? throw new ArgumentNullException(nameof(initializer)), null);

    /// <summary>Any <see cref="IInitializer"/>.</summary>
    public static InitializerArg From(IInitializer initializer) => new(initializer ?? throw new ArgumentNullException(nameof(initializer)), null);

    /// <summary>The identifier or the initializer's name.</summary>
    public override string ToString() => _initializer?.Name ?? _name ?? "glorot_uniform";
}
