namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Keras's <c>TerminateOnNaN</c>: stops training at the first batch whose loss is NaN or infinite. Fit already
/// refuses to commit such a step and stops (it never calls <see cref="Callback.OnBatchEnd"/> for it, so the
/// non-finite loss reaches no callback); this callback makes that stop observable: <see cref="TerminatedBatch"/> and
/// <see cref="TerminatedEpoch"/> name the batch whose step began but did not end. It also stops on a non-finite
/// <c>loss</c> it does see in batch logs (a loop that passes one through), as Keras does.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    private int _epoch, _pendingBatch = -1;

    /// <summary>The batch (0-based, within its epoch) with the non-finite loss, or null while training is healthy.</summary>
    public int? TerminatedBatch { get; private set; }

    /// <summary>The epoch (0-based) of <see cref="TerminatedBatch"/>, or null.</summary>
    public int? TerminatedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        TerminatedBatch = TerminatedEpoch = null;
        _pendingBatch = -1;
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => _epoch = epoch;

    /// <inheritdoc/>
    public override void OnBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => _pendingBatch = batch;

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        _pendingBatch = -1;
        if (logs.TryGetValue("loss", out double loss) && !double.IsFinite(loss)) Terminate(batch);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => CheckPending();

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => CheckPending();

    // A batch that began and never ended while the model stopped: the loop's non-finite-loss guard ended it.
    private void CheckPending()
    {
        if (_pendingBatch >= 0 && Model!.StopTraining && TerminatedBatch is null) Terminate(_pendingBatch);
        _pendingBatch = -1;
    }

    private void Terminate(int batch)
    {
        TerminatedBatch ??= batch;
        TerminatedEpoch ??= _epoch;
        Model!.StopTraining = true;
    }
}
