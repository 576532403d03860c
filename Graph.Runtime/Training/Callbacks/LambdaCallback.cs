namespace Graph.Runtime.Training.Callbacks;

/// <summary>Keras's <c>LambdaCallback</c>: a callback made of delegates, one per hook (any may be null).</summary>
public sealed class LambdaCallback : Callback
{
    /// <summary>Called by <see cref="Callback.OnTrainBegin"/>.</summary>
    public Action<IReadOnlyDictionary<string, double>>? TrainBegin { get; init; }

    /// <summary>Called by <see cref="Callback.OnTrainEnd"/>.</summary>
    public Action<IReadOnlyDictionary<string, double>>? TrainEnd { get; init; }

    /// <summary>Called by <see cref="Callback.OnEpochBegin"/>.</summary>
    public Action<int, IReadOnlyDictionary<string, double>>? EpochBegin { get; init; }

    /// <summary>Called by <see cref="Callback.OnEpochEnd"/>.</summary>
    public Action<int, IReadOnlyDictionary<string, double>>? EpochEnd { get; init; }

    /// <summary>Called by <see cref="Callback.OnBatchBegin"/>.</summary>
    public Action<int, IReadOnlyDictionary<string, double>>? BatchBegin { get; init; }

    /// <summary>Called by <see cref="Callback.OnBatchEnd"/>.</summary>
    public Action<int, IReadOnlyDictionary<string, double>>? BatchEnd { get; init; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => TrainBegin?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => TrainEnd?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => EpochBegin?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => EpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => BatchBegin?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => BatchEnd?.Invoke(batch, logs);
}
