namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Keras's <c>LearningRateScheduler</c>: at the beginning of each epoch sets the optimizer's learning rate to
/// <c>schedule(epoch, currentLr)</c> (epoch 0-based, as Keras passes it).
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;

    /// <summary>Creates the callback.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        Verbose = verbose;
    }

    /// <summary>1: print the new rate each epoch.</summary>
    public int Verbose { get; }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var optimizer = Model!.Optimizer ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model.");
        double lr = _schedule(epoch, optimizer.LearningRate);
        if (!double.IsFinite(lr) || lr < 0)
            throw new ArgumentException($"LearningRateScheduler: the schedule returned {lr} for epoch {epoch}; a learning rate must be a finite number >= 0.");
        optimizer.LearningRate = lr;
        if (Verbose > 0) Output.WriteLine($"\nEpoch {epoch + 1:D5}: LearningRateScheduler setting learning rate to {lr}.");
    }
}
