using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Ops.Initializers;

namespace Graph.Ops.Layers;

/// <summary>
/// Reads a layer's Keras config (the <c>config</c> object of <c>{"class_name", "config"}</c>) for the factories of a
/// <see cref="LayerRegistry"/>: typed values with Keras's defaults when a key is absent or null, and nested
/// initializers, regularizers, constraints, layers and registered functions. Missing required keys and wrong
/// types fail with a message naming the layer and the key.
/// </summary>
public sealed class LayerConfigReader(JsonObject config, LayerRegistry registry)
{
    private static readonly IReadOnlyDictionary<string, Func<JsonObject, Initializer>> InitializerTable =
        new Dictionary<string, Func<JsonObject, Initializer>>(StringComparer.Ordinal)
        {
            ["Zeros"] = _ => ConstantInitializer.Zeros,
            ["Ones"] = _ => ConstantInitializer.Ones,
            ["Constant"] = c => new ConstantInitializer(Num(c, "value", 0)),
            ["RandomNormal"] = c => new RandomNormalInitializer(Num(c, "mean", 0), Num(c, "stddev", 0.05)),
            ["RandomUniform"] = c => new RandomUniformInitializer(Num(c, "minval", -0.05), Num(c, "maxval", 0.05)),
            ["TruncatedNormal"] = c => new TruncatedNormalInitializer(Num(c, "mean", 0), Num(c, "stddev", 0.05)),
            ["VarianceScaling"] = c => new VarianceScalingInitializer(Num(c, "scale", 1),
                c["mode"]?.GetValue<string>() ?? "fan_in", c["distribution"]?.GetValue<string>() ?? "normal"),
            ["Orthogonal"] = c => new OrthogonalInitializer(Num(c, "gain", 1)),
            ["Identity"] = c => new IdentityInitializer(Num(c, "gain", 1)),
            ["UniformUnitScaling"] = c => new UniformUnitScalingInitializer(Num(c, "factor", 1)),
        };

    /// <summary>The raw config.</summary>
    public JsonObject Config { get; } = config ?? throw new ArgumentNullException(nameof(config));

    /// <summary>The registry (for nested layers and functions).</summary>
    public LayerRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>The layer's name (<c>name</c>), or null.</summary>
    public string? Name => Config["name"]?.GetValue<string>();

    /// <summary>True when the key is present and not null.</summary>
    public bool Has(string key) => Config[key] is not null;

    /// <summary>A required int.</summary>
    public int Int(string key) => Get(key, n => n.GetValue<int>());

    /// <summary>An int, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string key, int fallback) => Has(key) ? Int(key) : fallback;

    /// <summary>An int or null.</summary>
    public int? IntOrNull(string key) => Has(key) ? Int(key) : null;

    /// <summary>A double, or <paramref name="fallback"/> when absent.</summary>
    public double Double(string key, double fallback) => Has(key) ? Get(key, n => n.GetValue<double>()) : fallback;

    /// <summary>A required double.</summary>
    public double Double(string key) => Get(key, n => n.GetValue<double>());

    /// <summary>A bool, or <paramref name="fallback"/> when absent.</summary>
    public bool Bool(string key, bool fallback) => Has(key) ? Get(key, n => n.GetValue<bool>()) : fallback;

    /// <summary>A string, or <paramref name="fallback"/> when absent.</summary>
    public string String(string key, string fallback) => Has(key) ? Get(key, n => n.GetValue<string>()) : fallback;

    /// <summary>A required int list.</summary>
    public int[] Ints(string key) => Get(key, n => n.AsArray().Select(v => v!.GetValue<int>()).ToArray());

    /// <summary>An int list, or null when absent (a single int gives a one-element list, as Keras's axis).</summary>
    public int[]? IntsOrNull(string key) => !Has(key) ? null
        : Config[key] is JsonArray ? Ints(key) : [Int(key)];

    /// <summary>A list of dims with nulls (shapes), or null when absent.</summary>
    public int?[]? Dims(string key) => !Has(key) ? null
        : Get(key, n => n.AsArray().Select(v => v is null ? (int?)null : v.GetValue<int>()).ToArray());

    /// <summary>An activation: a Keras identifier (default linear) or a function registered under that name.</summary>
    /// <exception cref="ArgumentException">neither.</exception>
    public ActivationArg Activation(string key = "activation", string fallback = "linear")
    {
        string name = String(key, fallback);
        return Activations.Names.Contains(name) ? name : ActivationArg.Named(name, Registry.GetFunction(name));
    }

    /// <summary>An initializer from <c>{"class_name", "config"}</c> or an identifier; default when absent.</summary>
    /// <exception cref="ArgumentException">an unknown initializer class.</exception>
    public InitializerArg Initializer(string key) => Config[key] switch
    {
        null => default,
        JsonValue v => v.GetValue<string>(),
        JsonObject o => InitializerTable.TryGetValue(ClassName(o, key), out var make)
            ? make(o["config"] as JsonObject ?? new JsonObject())
            : throw new ArgumentException($"Layer {Name}: unknown initializer class '{ClassName(o, key)}' in '{key}'."),
        _ => throw new ArgumentException($"Layer {Name}: '{key}' is not an initializer."),
    };

    /// <summary>A regularizer (Keras's <c>L1L2</c>, or <c>L1</c>/<c>L2</c>), or null.</summary>
    /// <exception cref="ArgumentException">an unknown regularizer class.</exception>
    public IRegularizer? Regularizer(string key)
    {
        if (Config[key] is not JsonObject o) return null;
        var c = o["config"] as JsonObject ?? new JsonObject();
        double l1 = Num(c, "l1", 0), l2 = Num(c, "l2", 0);
        return ClassName(o, key) switch
        {
            "L1L2" when l2 == 0 && l1 != 0 => new L1(l1),
            "L1L2" when l1 == 0 && l2 != 0 => new L2(l2),
            "L1L2" => new L1L2(l1, l2),
            "L1" => new L1(Num(c, "l1", 0.01)),
            "L2" => new L2(Num(c, "l2", 0.01)),
            var other => throw new ArgumentException($"Layer {Name}: unknown regularizer class '{other}' in '{key}'."),
        };
    }

    /// <summary>A constraint (MaxNorm, NonNeg, UnitNorm, MinMaxNorm), or null.</summary>
    /// <exception cref="ArgumentException">an unknown constraint class.</exception>
    public IConstraint? Constraint(string key)
    {
        if (Config[key] is not JsonObject o) return null;
        var c = new LayerConfigReader(o["config"] as JsonObject ?? new JsonObject(), Registry);
        int[] axis = c.IntsOrNull("axis") ?? [0];
        return ClassName(o, key) switch
        {
            "MaxNorm" => new MaxNorm(c.Double("max_value", 2), axis),
            "NonNeg" => new NonNeg(),
            "UnitNorm" => new UnitNorm(axis),
            "MinMaxNorm" => new MinMaxNorm(c.Double("min_value", 0), c.Double("max_value", 1), c.Double("rate", 1), axis),
            var other => throw new ArgumentException($"Layer {Name}: unknown constraint class '{other}' in '{key}'."),
        };
    }

    /// <summary>A nested layer <c>{"class_name", "config"}</c> (TimeDistributed, Bidirectional), built through the registry.</summary>
    public Layer Layer(string key) => Registry.FromConfig(Get(key, n => n.AsObject()));

    private T Get<T>(string key, Func<JsonNode, T> read)
    {
        var node = Config[key] ?? throw new ArgumentException($"Layer {Name}: the config has no '{key}'.");
        try { return read(node); }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"Layer {Name}: config key '{key}' has an unexpected value {node.ToJsonString()}.", e);
        }
    }

    private string ClassName(JsonObject o, string key) => o["class_name"]?.GetValue<string>()
        ?? throw new ArgumentException($"Layer {Name}: '{key}' has no class_name.");

    private static double Num(JsonObject c, string key, double fallback) => c[key] is { } v ? v.GetValue<double>() : fallback;
}
