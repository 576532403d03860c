using Graph.Core;
using Graph.Runtime.Saving;

namespace Graph.Runtime.Training;

/// <summary>
/// Saving and loading weights and training state (safetensors, atomic writes, all-or-nothing loads). The whole-model
/// <c>Save</c>/<c>Load</c> with the JSON config is in Model.Persistence.cs.
/// </summary>
public partial class Model
{
    private VariableStore Store => Session.For(Outputs[0].Graph).Store;

    /// <summary>
    /// Keras's <c>save_weights</c>: every layer's weights, under layer-qualified names, with the layer order, to a
    /// safetensors file (written to a temporary file, then renamed over <paramref name="path"/>).
    /// </summary>
    public void SaveWeights(string path) => LayerWeightsFile.Write(path, Store, Layers, optimizerWeights: null);

    /// <summary>
    /// Keras's <c>load_weights</c>: by default layer i (among layers with weights) of the file goes to layer i of the
    /// model, weights in order, shapes checked; with <paramref name="byName"/>, layers are matched by name and model
    /// layers missing from the file are left alone. Everything loads or nothing changes.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">the file is truncated, malformed or not a weights file.</exception>
    /// <exception cref="ArgumentException">the file does not fit the model; the message names the layer and the weight.</exception>
    public void LoadWeights(string path, bool byName = false) => LayerWeightsFile.Load(path, Store, Layers, byName, optimizerWeights: null);

    /// <summary>
    /// The weights plus the optimizer's state (iterations, learning rate, slots), so that training resumes where it
    /// stopped: <c>LoadTrainingState</c> into a model compiled with the same optimizer, then <c>Fit(..., initialEpoch)</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">the model is not compiled.</exception>
    public void SaveTrainingState(string path) =>
        LayerWeightsFile.Write(path, Store, Layers, CompiledOptimizer().Weights, new Dictionary<string, string> { [RunCounterKey] = RunCounterText() });

    /// <summary>Loads what <see cref="SaveTrainingState"/> wrote (weights by layer order, optimizer weights by order), all or nothing.</summary>
    /// <exception cref="InvalidOperationException">the model is not compiled.</exception>
    public void LoadTrainingState(string path)
    {
        var optimizerWeights = CompiledOptimizer().Weights;
        using var reader = SafetensorsReader.Open(path);
        LayerWeightsFile.Load(reader, Store, Layers, byName: false, optimizerWeights);
        RestoreRunCounter(reader);
    }

    /// <summary>The session's random-run counter as saved with a training state (Dropout masks continue from it).</summary>
    private string RunCounterText() =>
        Session.For(Outputs[0].Graph).RunCounter.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Continues the saved random-run counter, when the file has one (older files do not).</summary>
    private void RestoreRunCounter(SafetensorsReader reader)
    {
        if (reader.Metadata.TryGetValue(RunCounterKey, out var text)
            && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long counter))
            Session.For(Outputs[0].Graph).RestoreRunCounter(counter);
    }

    /// <summary>Copies of all weights (Keras's <c>get_weights</c>), read at one moment between updates.</summary>
    internal TensorBuffer[] SnapshotWeights() => K.BatchGetValue(Weights);

    /// <summary>Puts back values from <see cref="SnapshotWeights"/>, all under one write lock.</summary>
    internal void RestoreWeights(IReadOnlyList<TensorBuffer> values)
    {
        var weights = Weights;
        var store = Store;
        store.Lock.EnterWriteLock();
        try
        {
            for (int i = 0; i < weights.Count; i++) store.SetValue(weights[i], values[i]);
        }
        finally { store.Lock.ExitWriteLock(); }
    }

    private Optimizers.Optimizer CompiledOptimizer() => Optimizer ?? throw new InvalidOperationException(
        $"Model {Name} has no optimizer state: call Compile before SaveTrainingState/LoadTrainingState.");
}
