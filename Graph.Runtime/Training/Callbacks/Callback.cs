namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Keras's callback hooks. Logs are the metric values so far (<c>loss</c>, <c>acc</c>, <c>val_loss</c>, ...);
/// a callback may stop training by setting <c>Model.StopTraining</c>.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained (set by Fit before <see cref="OnTrainBegin"/>).</summary>
    public Model? Model { get; internal set; }

    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(IReadOnlyDictionary<string, double> logs) { }

    /// <summary>After the last epoch (or an early stop).</summary>
    public virtual void OnTrainEnd(IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Before epoch <paramref name="epoch"/> (0-based).</summary>
    public virtual void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>After epoch <paramref name="epoch"/>, with its averaged metrics and validation results.</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Before batch <paramref name="batch"/> of the epoch (logs: <c>batch</c>, <c>size</c>).</summary>
    public virtual void OnBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>After batch <paramref name="batch"/>, with that batch's metric values.</summary>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Where a verbose callback prints: the model's progress output, else standard output.</summary>
    protected TextWriter Output => Model?.ProgressOutput ?? Console.Out;

    /// <summary>Sends a warning to the model's session warning sink (standard error by default).</summary>
    protected void Warn(string message)
    {
        if (Model is not null) Session.For(Model.Outputs[0].Graph).Warnings.Warn(message);
        else Console.Error.WriteLine(message);
    }
}
