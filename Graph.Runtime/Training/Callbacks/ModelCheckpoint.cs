namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Keras 2.2.4's <c>ModelCheckpoint</c>: every <see cref="Period"/> epochs, saves the model to
/// <see cref="FilePath"/> formatted like Python's <c>str.format</c> with <c>epoch</c> (1-based, as Keras) and the
/// epoch's logs (<c>weights.{epoch:02d}-{val_loss:.2f}.safetensors</c>). With <see cref="SaveBestOnly"/> it saves
/// only when <see cref="Monitor"/> improves strictly on the best value so far (no min_delta, as in Keras).
/// <see cref="SaveWeightsOnly"/> writes <see cref="Model.SaveWeights"/>; otherwise
/// <see cref="Model.SaveTrainingState"/> (weights and optimizer state — the JSON model config is not written yet).
/// Every write is atomic.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    private readonly bool _higherIsBetter;
    private int _epochsSinceLastSave;

    /// <summary>Creates the callback.</summary>
    public ModelCheckpoint(string filePath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false,
        bool saveWeightsOnly = false, MonitorMode mode = MonitorMode.Auto, int period = 1)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(monitor);
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), $"ModelCheckpoint: period must be >= 1, got {period}.");
        FilePath = filePath;
        Monitor = monitor;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        Period = period;
        _higherIsBetter = MonitorModes.HigherIsBetter(mode, monitor);
        Best = _higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>The path template.</summary>
    public string FilePath { get; }

    /// <summary>The log key compared when <see cref="SaveBestOnly"/>.</summary>
    public string Monitor { get; }

    /// <summary>1: print a line per save decision.</summary>
    public int Verbose { get; }

    /// <summary>Save only on improvement of <see cref="Monitor"/>.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Weights only, or weights and optimizer state.</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>Epochs between checks.</summary>
    public int Period { get; }

    /// <summary>The best monitored value so far (kept across Fit calls, as in Keras).</summary>
    public double Best { get; private set; }

    /// <summary>The paths written, in order.</summary>
    public List<string> SavedPaths { get; } = new();

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (++_epochsSinceLastSave < Period) return;
        _epochsSinceLastSave = 0;
        var values = new Dictionary<string, double>(logs) { ["epoch"] = epoch + 1 };
        string path = PythonFormat.Format(FilePath, values);
        if (SaveBestOnly)
        {
            if (!logs.TryGetValue(Monitor, out double current))
            {
                Warn($"Can save best model only with {Monitor} available, skipping.");
                return;
            }
            if (!(_higherIsBetter ? current > Best : current < Best))
            {
                if (Verbose > 0) Output.WriteLine($"\nEpoch {epoch + 1:D5}: {Monitor} did not improve from {Best:F5}");
                return;
            }
            if (Verbose > 0) Output.WriteLine($"\nEpoch {epoch + 1:D5}: {Monitor} improved from {Best:F5} to {current:F5}, saving model to {path}");
            Best = current;
        }
        else if (Verbose > 0) Output.WriteLine($"\nEpoch {epoch + 1:D5}: saving model to {path}");
        if (SaveWeightsOnly) Model!.SaveWeights(path);
        else Model!.SaveTrainingState(path);
        SavedPaths.Add(path);
    }
}
