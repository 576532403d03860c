using Graph.Core;
using Graph.Runtime.Training.Callbacks;

namespace Graph.Runtime.Training;

/// <summary>
/// The loops behind Fit, Evaluate and Predict: batches, the progress bar, validation, callbacks, and the guard
/// that stops training cleanly at a non-finite loss (that step's updates are not committed).
/// </summary>
internal static class TrainingLoop
{
    public static History Fit(Model model, TrainingData data, TrainingData? validation, int batchSize, int epochs, int verbose,
        IReadOnlyList<Callback> callbacks, bool shuffle, int initialEpoch, int? stepsPerEpoch)
    {
        var random = new System.Random(model.Outputs[0].Graph.Seed ?? 0);
        var indices = Enumerable.Range(0, data.Count).ToArray();
        // The order of epoch e depends only on (graph seed, e): a Fit resumed at initialEpoch replays the skipped
        // epochs' shuffles, so it sees the same batches as an uninterrupted run.
        if (shuffle) for (int skipped = 0; skipped < initialEpoch; skipped++) random.Shuffle(indices);
        int batchesPerEpoch = stepsPerEpoch ?? (data.Count + batchSize - 1) / batchSize;

        IEnumerable<Batch> EpochBatches(int epoch)
        {
            if (shuffle) random.Shuffle(indices);
            for (int b = 0; b < batchesPerEpoch; b++)
            {
                int start = b * batchSize % data.Count, size = Math.Min(batchSize, data.Count - start);
                yield return new Batch(data, indices[start..(start + size)], stepsPerEpoch is null ? size : 1);
            }
        }

        int target = stepsPerEpoch is null ? data.Count : batchesPerEpoch;
        return Run(model, EpochBatches, target, epochs, verbose, callbacks, validation, batchSize, initialEpoch);
    }

    public static History FitBatches(Model model, IEnumerable<(SampleData X, SampleData Y)> batches, int stepsPerEpoch, int epochs,
        int verbose, IReadOnlyList<Callback> callbacks, TrainingData? validation, int initialEpoch)
    {
        using var source = batches.GetEnumerator();

        IEnumerable<Batch> EpochBatches(int epoch)
        {
            for (int b = 0; b < stepsPerEpoch; b++)
            {
                if (!source.MoveNext())
                    throw new InvalidOperationException($"The batch source ended after {epoch * stepsPerEpoch + b} batches; Fit needs {stepsPerEpoch} per epoch.");
                var data = TrainingData.Create(model, [source.Current.X], [source.Current.Y], null, null);
                yield return new Batch(data, Enumerable.Range(0, data.Count).ToArray(), 1);
            }
        }

        return Run(model, EpochBatches, stepsPerEpoch, epochs, verbose, callbacks, validation, 32, initialEpoch);
    }

    /// <summary>One batch of an epoch: its rows of the data, and how far it moves the progress bar.</summary>
    private readonly record struct Batch(TrainingData Data, int[] Rows, int Progress);

    /// <summary>
    /// The epoch loop shared by Fit and FitBatches: callbacks, the progress bar (the final line drawn at the end of
    /// the epoch, with validation results), and the clean stop at a non-finite loss.
    /// </summary>
    private static History Run(Model model, Func<int, IEnumerable<Batch>> epochBatches, int target, int epochs, int verbose,
        IReadOnlyList<Callback> callbacks, TrainingData? validation, int validationBatchSize, int initialEpoch)
    {
        var setup = model.Setup;
        WarnOnTrainableDiscrepancy(model, setup);
        var history = new History();
        Callback[] all = [history, .. callbacks];
        foreach (var cb in all) cb.Model = model;
        model.StopTraining = false;
        var empty = new Dictionary<string, double>();
        foreach (var cb in all) cb.OnTrainBegin(empty);
        for (int epoch = initialEpoch; epoch < epochs && !model.StopTraining; epoch++)
        {
            foreach (var cb in all) cb.OnEpochBegin(epoch, empty);
            if (verbose > 0) Output(model).WriteLine($"Epoch {epoch + 1}/{epochs}");
            var bar = new Progbar(target, verbose, model.ProgressOutput);
            int b = 0, seen = 0;
            foreach (var batch in epochBatches(epoch))
            {
                int size = batch.Rows.Length;
                foreach (var cb in all) cb.OnBatchBegin(b, BatchLogs(b, size));
                var values = model.RunStep(setup.Train, batch.Data.BatchFeeds(batch.Rows, phase: 1), commitIfFinite: true).Values;
                if (!double.IsFinite(values[0]))
                {
                    Warn(model, $"Batch {b}: Invalid loss, terminating training (the step's updates were not applied).");
                    model.StopTraining = true;
                    break;
                }
                bar.Accumulate(size, setup.MetricsNames.Select((n, i) => KeyValuePair.Create(n, values[i])));
                seen += batch.Progress;
                if (seen < target) bar.Update(seen);
                foreach (var cb in all) cb.OnBatchEnd(b, Logs(setup.MetricsNames, values, BatchLogs(b, size)));
                if (model.StopTraining) break;
                b++;
            }
            var epochLogs = setup.MetricsNames.ToDictionary(n => n, bar.Average);
            if (validation is not null && !epochLogs.Values.Any(double.IsNaN))
            {
                var val = Evaluate(model, validation, validationBatchSize, verbose: 0);
                for (int i = 0; i < val.Length; i++)
                {
                    epochLogs["val_" + setup.MetricsNames[i]] = val[i];
                    bar.Set("val_" + setup.MetricsNames[i], val[i]);
                }
            }
            bar.Update(target);
            foreach (var cb in all) cb.OnEpochEnd(epoch, epochLogs);
        }
        foreach (var cb in all) cb.OnTrainEnd(empty);
        return history;
    }

    public static double[] Evaluate(Model model, TrainingData data, int batchSize, int verbose)
    {
        var setup = model.Setup;
        var sums = new double[setup.MetricsNames.Length];
        var bar = new Progbar(data.Count, verbose, model.ProgressOutput);
        var indices = Enumerable.Range(0, data.Count).ToArray();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int size = Math.Min(batchSize, data.Count - start);
            var values = model.RunStep(setup.Test, data.BatchFeeds(indices.AsSpan(start, size), phase: 0), commitIfFinite: false).Values;
            for (int i = 0; i < sums.Length; i++) sums[i] += values[i] * size;
            bar.Accumulate(size, setup.MetricsNames.Select((n, i) => KeyValuePair.Create(n, values[i])));
            bar.Update(start + size);
        }
        return sums.Select(s => s / Math.Max(1, data.Count)).ToArray();
    }

    public static TensorBuffer[] Predict(Model model, IReadOnlyList<SampleData> x, int batchSize)
    {
        if (x.Count != model.Inputs.Count)
            throw new ArgumentException($"Error when checking model input: the list of arrays passed has {x.Count} arrays but the model expects {model.Inputs.Count}.");
        var setup = model.Setup;
        int n = x[0].Count;
        TensorBuffer[]? outputs = null;
        var indices = Enumerable.Range(0, n).ToArray();
        for (int start = 0; start < n; start += batchSize)
        {
            int size = Math.Min(batchSize, n - start);
            var result = setup.Predict.Call(TrainingData.InputFeeds(model, x, indices.AsSpan(start, size)));
            outputs ??= Enumerable.Range(0, result.Count).Select(i =>
            {
                var dims = (int[])result.Buffer(i).Dims.Clone();
                dims[0] = n;
                return TensorBuffer.Zeros(result.Buffer(i).DType, dims);
            }).ToArray();
            for (int i = 0; i < outputs.Length; i++)
            {
                var part = result.Buffer(i);
                Array.Copy(part.Data, 0, outputs[i].Data, (long)start * (part.Length / size), part.Length);
            }
        }
        return outputs ?? model.Outputs.Select(o => TensorBuffer.Zeros(o.DType, [0, .. o.Shape.Dims.Skip(1).Select(d => d ?? 0)])).ToArray();
    }

    private static Dictionary<string, double> BatchLogs(int batch, int size) => new() { ["batch"] = batch, ["size"] = size };

    private static Dictionary<string, double> Logs(string[] names, double[] values, Dictionary<string, double> logs)
    {
        for (int i = 0; i < names.Length; i++) logs[names[i]] = values[i];
        return logs;
    }

    private static TextWriter Output(Model model) => model.ProgressOutput ?? Console.Out;

    private static void Warn(Model model, string message) => Session.For(model.Outputs[0].Graph).Warnings.Warn(message);

    private static void WarnOnTrainableDiscrepancy(Model model, TrainingSetup setup)
    {
        if (model.TrainableWeights.Count != setup.CollectedTrainableWeights.Count)
            Warn(model, "Discrepancy between trainable weights and collected trainable weights, did you set `model.trainable` without calling `model.compile` after ?");
    }
}
