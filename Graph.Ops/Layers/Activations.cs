using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// The Keras activations by identifier (linear, relu, sigmoid, hard_sigmoid = clip(0.2x + 0.5, 0, 1), tanh, softmax,
/// elu (alpha 1), selu, softplus, softsign, exponential) — the one table <c>activation: "relu"</c> resolves through (no reflection,
/// no string switches elsewhere). Formulas are Keras 2's.
/// </summary>
public static class Activations
{
    private static readonly IReadOnlyDictionary<string, Func<Node, Node>> Table = new Dictionary<string, Func<Node, Node>>(StringComparer.Ordinal)
    {
        ["linear"] = Linear,
        ["relu"] = x => G.Relu(x),
        ["sigmoid"] = G.Sigmoid,
        ["hard_sigmoid"] = G.HardSigmoid,
        ["tanh"] = G.Tanh,
        ["softmax"] = x => Softmax(x),
        ["elu"] = x => G.Elu(x, 1.0),
        ["selu"] = G.Selu,
        ["softplus"] = G.Softplus,
        ["softsign"] = G.Softsign,
        ["exponential"] = G.Exp,
    };

    /// <summary>The identifiers the table knows.</summary>
    public static IEnumerable<string> Names => Table.Keys;

    /// <summary>The activation named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">an unknown identifier (Keras: "Unknown activation function:").</exception>
    public static Func<Node, Node> Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Table.TryGetValue(name, out var f) ? f : throw new ArgumentException($"Unknown activation function: {name}", nameof(name));
    }

    /// <summary><c>linear(x) = x</c>.</summary>
    public static Node Linear(Node x) => x;

    /// <summary>Keras's <c>softmax(x, axis)</c>: <c>exp(x − max) / Σ exp(x − max)</c> along the axis; rank ≥ 2.</summary>
    /// <exception cref="ArgumentException">a rank-1 input ("Cannot apply softmax to a tensor that is 1D").</exception>
    public static Node Softmax(Node x, int axis = -1) => x.Shape.Rank >= 2
        ? G.Softmax(x, axis)
        : throw new ArgumentException($"Cannot apply softmax to a tensor that is 1D. Received input: {x}");
}

/// <summary>An activation argument: a Keras identifier (<c>"relu"</c>) or a function; default none (linear).</summary>
public readonly struct ActivationArg
{
    private readonly Func<Node, Node>? _function;
    private readonly string? _name;

    private ActivationArg(Func<Node, Node>? function, string name) => (_function, _name) = (function, name);

    /// <summary>The identifier, or <c>custom</c> for a function, <c>linear</c> when none was given.</summary>
    public string Name => _name ?? "linear";

    /// <summary>The function (the identity when none was given).</summary>
    public Func<Node, Node> Function => _function ?? Activations.Linear;

    /// <summary>True when the activation is the identity.</summary>
    public bool IsLinear => _function is null || _function == (Func<Node, Node>)Activations.Linear;

    public static implicit operator ActivationArg(string? name) => name is null ? default : new(Activations.Get(name), name);

    public static implicit operator ActivationArg(Func<Node, Node>? function) => function is null ? default : new(function, "custom");

    /// <summary>A function under a name, so configs can refer to it (register it with <see cref="LayerRegistry.RegisterFunction"/>).</summary>
    public static ActivationArg Named(string name, Func<Node, Node> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(function ?? throw new ArgumentNullException(nameof(function)), name);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
