namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Keras 2.2.4's <c>ReduceLROnPlateau</c>: when <see cref="Monitor"/> has not improved by more than
/// <see cref="MinDelta"/> (<c>current &lt; best - minDelta</c> in min mode, <c>current &gt; best + minDelta</c> in max
/// mode) for <see cref="Patience"/> epochs, sets <c>lr := max(lr · factor, minLr)</c> (only while <c>lr &gt; minLr</c>),
/// then waits <see cref="Cooldown"/> epochs before counting again. The learning rate is the optimizer's variable,
/// so the change applies from the next batch without recompiling. (Keras also adds <c>lr</c> to the epoch logs; our
/// logs are read-only, so read <see cref="Optimizers.Optimizer.LearningRate"/> instead.)
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly bool _higherIsBetter;
    private int _cooldownCounter;

    /// <summary>Creates the callback.</summary>
    /// <exception cref="ArgumentOutOfRangeException">factor is not in [0, 1) (Keras: "does not support a factor &gt;= 1.0").</exception>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0,
        MonitorMode mode = MonitorMode.Auto, double minDelta = 1e-4, int cooldown = 0, double minLr = 0)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (factor >= 1.0 || factor < 0)
            throw new ArgumentOutOfRangeException(nameof(factor), $"ReduceLROnPlateau does not support a factor >= 1.0 (or < 0), got {factor}.");
        Monitor = monitor;
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        MinDelta = minDelta;
        Cooldown = cooldown;
        MinLr = minLr;
        _higherIsBetter = MonitorModes.HigherIsBetter(mode, monitor);
        Reset();
    }

    /// <summary>The log key watched.</summary>
    public string Monitor { get; }

    /// <summary>Multiplier applied to the learning rate.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before reducing.</summary>
    public int Patience { get; }

    /// <summary>1: print a line when reducing.</summary>
    public int Verbose { get; }

    /// <summary>Minimum change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs to wait after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>Lower bound of the learning rate.</summary>
    public double MinLr { get; }

    /// <summary>The best monitored value so far.</summary>
    public double Best { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => Reset();

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out double current))
        {
            Warn(MonitorModes.Missing("Reduce LR on plateau", Monitor, logs));
            return;
        }
        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            Wait = 0;
        }
        if (_higherIsBetter ? current > Best + MinDelta : current < Best - MinDelta)
        {
            Best = current;
            Wait = 0;
            return;
        }
        if (_cooldownCounter > 0 || ++Wait < Patience) return;
        var optimizer = Model!.Optimizer!;
        double oldLr = optimizer.LearningRate;
        if (oldLr > MinLr)
        {
            double newLr = Math.Max(oldLr * Factor, MinLr);
            optimizer.LearningRate = newLr;
            if (Verbose > 0) Output.WriteLine($"\nEpoch {epoch + 1:D5}: ReduceLROnPlateau reducing learning rate to {newLr}.");
            _cooldownCounter = Cooldown;
            Wait = 0;
        }
    }

    private void Reset()
    {
        Best = _higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        _cooldownCounter = 0;
        Wait = 0;
    }
}
