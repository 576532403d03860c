using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;

namespace Graph.Runtime.Saving;

/// <summary>
/// What <c>Compile</c> was given, as Keras's <c>training_config</c>: <c>{"optimizer_config": {class_name, config},
/// "loss": name or [names], "metrics": [...], "loss_weights": [...] or null, "sample_weight_mode": null}</c>.
/// Parsing resolves the optimizer and every loss, so a bad config fails before a model is built.
/// </summary>
internal sealed record TrainingConfig(Optimizer Optimizer, Loss[] Losses, bool OneLossForAll, string[] Metrics, double[]? LossWeights)
{
    /// <summary>The training config of a compiled model.</summary>
    public static string ToJson(TrainingSetup setup)
    {
        var names = setup.Losses.Select(l => l.Name).Distinct().Count() == 1 && setup.Losses.Length > 0
            ? JsonValue.Create(setup.Losses[0].Name)
            : (JsonNode)new JsonArray(setup.Losses.Select(l => (JsonNode?)JsonValue.Create(l.Name)).ToArray());
        var json = new JsonObject
        {
            ["optimizer_config"] = OptimizerConfig.ToConfig(setup.Optimizer),
            ["loss"] = names,
            ["metrics"] = new JsonArray(setup.MetricIds.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["loss_weights"] = setup.LossWeights is null ? null : new JsonArray(setup.LossWeights.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
            ["sample_weight_mode"] = null,
        };
        return json.ToJsonString();
    }

    /// <summary>Parses <paramref name="json"/>; <see cref="LossesFor"/> then checks it against the model's outputs.</summary>
    /// <exception cref="ArgumentException">malformed JSON, an unknown optimizer or loss.</exception>
    public static TrainingConfig Parse(string json)
    {
        JsonObject root;
        try { root = JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("the training config is not a JSON object."); }
        catch (JsonException e) { throw new ArgumentException($"the training config is not valid JSON ({e.Message}).", e); }
        var optimizer = OptimizerConfig.FromConfig(root["optimizer_config"] as JsonObject
            ?? throw new ArgumentException("the training config has no 'optimizer_config' object."));
        var (lossNames, oneForAll) = root["loss"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (new[] { v.GetValue<string>() }, true),
            JsonArray a => (Strings(a, "loss"), false),
            _ => throw new ArgumentException("the training config's 'loss' must be a name or a list of names."),
        };
        string[] metrics = root["metrics"] switch
        {
            null => [],
            JsonArray a => Strings(a, "metrics"),
            _ => throw new ArgumentException("the training config's 'metrics' must be a list of names."),
        };
        double[]? lossWeights = root["loss_weights"] switch
        {
            null => null,
            JsonArray a when a.All(w => w is JsonValue v && v.GetValueKind() == JsonValueKind.Number) => a.Select(w => w!.GetValue<double>()).ToArray(),
            _ => throw new ArgumentException("the training config's 'loss_weights' must be a list of numbers or null."),
        };
        return new TrainingConfig(optimizer, lossNames.Select(Training.Losses.Get).ToArray(), oneForAll, metrics, lossWeights);
    }

    /// <summary>One loss per output (a single saved name serves every output, as in Keras).</summary>
    /// <exception cref="ArgumentException">the loss or loss-weight counts do not match <paramref name="outputs"/>.</exception>
    public Loss[] LossesFor(int outputs)
    {
        var losses = OneLossForAll ? Enumerable.Repeat(Losses[0], outputs).ToArray() : Losses;
        if (losses.Length != outputs)
            throw new ArgumentException($"the training config lists {losses.Length} losses for a model with {outputs} outputs.");
        if (LossWeights is not null && LossWeights.Length != outputs)
            throw new ArgumentException($"the training config lists {LossWeights.Length} loss weights for a model with {outputs} outputs.");
        return losses;
    }

    private static string[] Strings(JsonArray array, string key) =>
        array.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
            : throw new ArgumentException($"the training config's '{key}' must hold names only.")).ToArray();
}
