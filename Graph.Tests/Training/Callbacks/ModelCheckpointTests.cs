using Graph.Runtime.Training.Callbacks;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training.Callbacks;

public sealed class ModelCheckpointTests : GraphTestBase
{
    [Test]
    public void OnEpochEnd_SaveBestOnly_WritesExactlyWhenTheMonitoredValueImproves()
    {
        var folder = TempFolder();
        var model = Classifier();
        var checkpoint = new ModelCheckpoint(Path.Combine(folder, "w.{epoch:02d}-{val_loss:.2f}.safetensors"), saveBestOnly: true, saveWeightsOnly: true) { Model = model };
        checkpoint.OnTrainBegin(new Dictionary<string, double>());
        double[] valLoss = [3.0, 2.0, 2.5, 2.0, 1.0, 1.5];
        for (int epoch = 0; epoch < valLoss.Length; epoch++)
            checkpoint.OnEpochEnd(epoch, new Dictionary<string, double> { ["loss"] = 9, ["val_loss"] = valLoss[epoch] });

        string[] expected = ["w.01-3.00.safetensors", "w.02-2.00.safetensors", "w.05-1.00.safetensors"];
        Assert.That(checkpoint.SavedPaths.Select(Path.GetFileName), Is.EqualTo(expected));
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName).Order(), Is.EqualTo(expected));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Fit_SaveBestOnlyOnAccuracy_FilesMatchTheImprovingEpochsOfHistory()
    {
        var folder = TempFolder();
        var model = Classifier();
        var checkpoint = new ModelCheckpoint(Path.Combine(folder, "{epoch:03d}.safetensors"), monitor: "acc", saveBestOnly: true);

        var history = model.Fit(Features(40, 5), Labels(40, 3), batchSize: 8, epochs: 6, verbose: 0, callbacks: [checkpoint]);

        var expected = new List<string>();
        double best = double.NegativeInfinity;
        for (int e = 0; e < history.Epochs.Count; e++)
            if (history["acc"][e] > best) { best = history["acc"][e]; expected.Add($"{e + 1:D3}.safetensors"); }
        Assert.That(checkpoint.SavedPaths.Select(Path.GetFileName), Is.EqualTo(expected));
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName).Order(), Is.EqualTo(expected));
        // Not weights-only: the files hold the optimizer state too.
        Assert.That(() => model.LoadTrainingState(checkpoint.SavedPaths[^1]), Throws.Nothing);
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Fit_EveryPeriod_WritesLoadableWeightsOfThatEpoch()
    {
        var folder = TempFolder();
        var model = Classifier();
        var snapshots = new List<float[][]>();
        var record = new LambdaCallback { EpochEnd = (_, _) => snapshots.Add(WeightValues(model)) };
        var checkpoint = new ModelCheckpoint(Path.Combine(folder, "e{epoch}.safetensors"), saveWeightsOnly: true, period: 2);

        model.Fit(Features(20, 5), Labels(20, 3), batchSize: 8, epochs: 4, verbose: 0, callbacks: [record, checkpoint]);

        Assert.That(checkpoint.SavedPaths.Select(Path.GetFileName), Is.EqualTo(new[] { "e2.safetensors", "e4.safetensors" }));
        model.LoadWeights(Path.Combine(folder, "e2.safetensors"));
        Assert.That(WeightValues(model), Is.EqualTo(snapshots[1]));
        Directory.Delete(folder, recursive: true);
    }
}
