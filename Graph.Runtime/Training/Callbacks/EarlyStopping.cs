using Graph.Core;

namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Keras 2.2.4's <c>EarlyStopping</c>: stops training when <see cref="Monitor"/> has not improved for
/// <see cref="Patience"/> epochs. "Improved" means <c>current - minDelta &lt; best</c> (min mode) or
/// <c>current - minDelta &gt; best</c> after the sign of <c>minDelta</c> is set as Keras does (|minDelta|, negated for
/// min mode). With a <see cref="Baseline"/>, <c>best</c> starts there, so training stops unless the baseline is beaten.
/// With <see cref="RestoreBestWeights"/>, the weights of the best epoch are put back when training stops early
/// (as in Keras 2.2.4, not when the last epoch is reached without a stop).
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly bool _higherIsBetter;
    private readonly double _minDelta;
    private TensorBuffer[]? _bestWeights;

    /// <summary>Creates the callback; <paramref name="minDelta"/> is taken as an absolute value.</summary>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0,
        MonitorMode mode = MonitorMode.Auto, double? baseline = null, bool restoreBestWeights = false)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), $"EarlyStopping: patience must be >= 0, got {patience}.");
        Monitor = monitor;
        Patience = patience;
        Verbose = verbose;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        _higherIsBetter = MonitorModes.HigherIsBetter(mode, monitor);
        _minDelta = _higherIsBetter ? Math.Abs(minDelta) : -Math.Abs(minDelta);
    }

    /// <summary>The log key watched, e.g. <c>val_loss</c>.</summary>
    public string Monitor { get; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>1: print a line when stopping (to the model's progress output).</summary>
    public int Verbose { get; }

    /// <summary>A value the monitored quantity must beat, or null.</summary>
    public double? Baseline { get; }

    /// <summary>Restore the best epoch's weights when stopping.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch (0-based) at which training was stopped, or 0 if it was not (Keras's convention).</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The best monitored value so far.</summary>
    public double Best { get; private set; }

    /// <summary>The epoch of <see cref="Best"/>, or -1 before any improvement.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        Wait = 0;
        StoppedEpoch = 0;
        BestEpoch = -1;
        _bestWeights = null;
        Best = Baseline ?? (_higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out double current))
        {
            Warn(MonitorModes.Missing("Early stopping", Monitor, logs));
            return;
        }
        if (Improves(current - _minDelta, Best))
        {
            Best = current;
            BestEpoch = epoch;
            Wait = 0;
            if (RestoreBestWeights) _bestWeights = Model!.SnapshotWeights();
            return;
        }
        Wait++;
        if (Wait < Patience) return;
        StoppedEpoch = epoch;
        Model!.StopTraining = true;
        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (Verbose > 0) Output.WriteLine("Restoring model weights from the end of the best epoch");
            Model.RestoreWeights(_bestWeights);
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (StoppedEpoch > 0 && Verbose > 0) Output.WriteLine($"Epoch {StoppedEpoch + 1:D5}: early stopping");
    }

    private bool Improves(double value, double best) => _higherIsBetter ? value > best : value < best;
}
