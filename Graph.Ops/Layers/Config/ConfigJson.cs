using System.Globalization;
using System.Text.Json.Nodes;
using Graph.Ops.Initializers;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras 2's serialized forms of a layer's arguments: initializers, regularizers and constraints as
/// <c>{"class_name": ..., "config": {...}}</c> (regularizers as Keras's <c>L1L2</c>), shapes as arrays with
/// <c>null</c> for unknown dimensions. <see cref="LayerConfigReader"/> reads them back.
/// </summary>
public static class ConfigJson
{
    /// <summary><c>{"class_name": "VarianceScaling", "config": {"scale": 1, ...}}</c>.</summary>
    /// <exception cref="NotSupportedException">an initializer that is not a Keras <see cref="Initializer"/>.</exception>
    public static JsonObject Initializer(InitializerArg initializer)
    {
        if (initializer.Resolve() is not Initializer keras)
            throw new NotSupportedException($"The initializer {initializer} has no Keras config (it is not an Initializer).");
        var config = new JsonObject();
        foreach (var (key, value) in keras.Config) config[key] = Value(value);
        return new JsonObject { ["class_name"] = keras.ClassName, ["config"] = config };
    }

    /// <summary>Keras 2 serializes every built-in regularizer as <c>L1L2</c>; null stays null.</summary>
    /// <exception cref="NotSupportedException">a custom regularizer.</exception>
    public static JsonObject? Regularizer(IRegularizer? regularizer)
    {
        (double l1, double l2) = regularizer switch
        {
            null => (double.NaN, double.NaN),
            L1 r => (r.Factor, 0),
            L2 r => (0, r.Factor),
            L1L2 r => (r.L1Factor, r.L2Factor),
            _ => throw new NotSupportedException($"The regularizer {regularizer.GetType().Name} has no Keras config."),
        };
        return regularizer is null ? null : Wrap("L1L2", new JsonObject { ["l1"] = l1, ["l2"] = l2 });
    }

    /// <summary>MaxNorm, NonNeg, UnitNorm, MinMaxNorm with Keras's keys; null stays null.</summary>
    /// <exception cref="NotSupportedException">a custom constraint.</exception>
    public static JsonObject? Constraint(IConstraint? constraint) => constraint switch
    {
        null => null,
        MaxNorm c => Wrap("MaxNorm", new JsonObject { ["max_value"] = c.MaxValue, ["axis"] = Axis(c.Axis) }),
        NonNeg => Wrap("NonNeg", new JsonObject()),
        UnitNorm c => Wrap("UnitNorm", new JsonObject { ["axis"] = Axis(c.Axis) }),
        MinMaxNorm c => Wrap("MinMaxNorm", new JsonObject
            { ["min_value"] = c.MinValue, ["max_value"] = c.MaxValue, ["rate"] = c.Rate, ["axis"] = Axis(c.Axis) }),
        _ => throw new NotSupportedException($"The constraint {constraint.GetType().Name} has no Keras config."),
    };

    /// <summary>A shape or list of dims, <c>null</c> for unknown ones; a null list gives null.</summary>
    public static JsonArray? Dims(IEnumerable<int?>? dims) => dims is null ? null : new JsonArray(dims.Select(d => (JsonNode?)(d is { } v ? JsonValue.Create(v) : null)).ToArray());

    /// <summary>A list of ints; a null list gives null.</summary>
    public static JsonArray? Ints(IEnumerable<int>? values) => values is null ? null : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary><c>{"class_name": name, "config": config}</c>.</summary>
    public static JsonObject Wrap(string className, JsonObject config) => new() { ["class_name"] = className, ["config"] = config };

    private static JsonNode Axis(int[] axis) => axis.Length == 1 ? JsonValue.Create(axis[0]) : Ints(axis)!;

    private static JsonNode? Value(object value) => value switch
    {
        double d => JsonValue.Create(d),
        float f => JsonValue.Create((double)f),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
