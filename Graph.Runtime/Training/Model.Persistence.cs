using System.Text.Json;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime.Saving;

namespace Graph.Runtime.Training;

/// <summary>
/// Keras's <c>save</c>/<c>load_model</c>: one safetensors file holding the weights (laid out as by
/// <see cref="SaveWeights"/>), the model's JSON config (<c>model_config</c> in <c>__metadata__</c>) and, for a compiled
/// model saved with its optimizer, the training config (<c>training_config</c>) and the optimizer's state, so that
/// <c>Fit(..., initialEpoch)</c> on the loaded model continues where training stopped.
/// </summary>
public partial class Model
{
    private const string ModelConfigKey = "model_config", TrainingConfigKey = "training_config";

    /// <summary>Metadata key of the session's random-run counter, saved with the optimizer state.</summary>
    internal const string RunCounterKey = "random_run_counter";

    /// <summary>
    /// Writes the whole model to <paramref name="path"/> (a temporary file renamed over it). With
    /// <paramref name="includeOptimizer"/> and a compiled model, also the training config and the optimizer's state.
    /// </summary>
    /// <exception cref="ArgumentException">the model cannot be serialized (e.g. a custom optimizer).</exception>
    public void Save(string path, bool includeOptimizer = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        var metadata = new Dictionary<string, string> { [ModelConfigKey] = ToJson() };
        IReadOnlyList<Node>? optimizerWeights = null;
        if (includeOptimizer && _setup is { } setup)
        {
            metadata[TrainingConfigKey] = TrainingConfig.ToJson(setup);
            metadata[RunCounterKey] = RunCounterText();
            optimizerWeights = setup.Optimizer.Weights;
        }
        LayerWeightsFile.Write(path, Store, Layers, optimizerWeights, metadata);
    }

    /// <summary>
    /// Rebuilds a model saved by <see cref="Save"/> in the current default graph: from its config (custom layers from
    /// <paramref name="registry"/>, default <see cref="CreateRegistry"/>), with its weights, compiled again with the
    /// saved training config and with the optimizer's state restored when the file has them. The file is validated
    /// (structure, configs, every weight's dtype and shape) before any weight is set; no existing model changes.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">the file is truncated, malformed or not a saved model.</exception>
    /// <exception cref="ArgumentException">the saved configs cannot be rebuilt, or the weights do not fit them.</exception>
    public static Model Load(string path, LayerRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = SafetensorsReader.Open(path);
        if (!reader.Metadata.TryGetValue(ModelConfigKey, out var modelJson))
            throw new SafetensorsFormatException($"Invalid model file '{reader.Path}': metadata '{ModelConfigKey}' is missing (was it written by SaveWeights?).");
        // The training config is parsed (optimizer and losses resolved) before anything is built in the graph.
        TrainingConfig? training = null;
        if (reader.Metadata.TryGetValue(TrainingConfigKey, out var trainingJson))
            training = Rebuild(reader, "compile", () => TrainingConfig.Parse(trainingJson));
        var model = Rebuild(reader, "rebuild", () => FromJson(modelJson, registry));
        if (training is not null)
        {
            Rebuild(reader, "compile", () =>
            {
                model.Compile(training.Optimizer, training.LossesFor(model.Outputs.Count), training.Metrics, training.LossWeights);
                return model;
            });
        }
        bool withOptimizer = training is not null && reader.Metadata.ContainsKey("optimizer_weights");
        LayerWeightsFile.Load(reader, model.Store, model.Layers, byName: false, withOptimizer ? model.Optimizer!.Weights : null);
        if (withOptimizer) model.RestoreRunCounter(reader);
        return model;
    }

    /// <summary>Runs one step of <see cref="Load"/>, naming the file and the step in the error of a bad config.</summary>
    private static T Rebuild<T>(SafetensorsReader reader, string step, Func<T> body)
    {
        try { return body(); }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException)
        {
            string what = step == "compile" ? "training config" : "model config";
            throw new ArgumentException($"Cannot {step} the model saved in '{reader.Path}': its {what} is invalid ({e.Message}).", "path", e);
        }
    }
}
