using Graph.Runtime.Training.Callbacks;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training.Callbacks;

public sealed class EarlyStoppingTests : GraphTestBase
{
    [Test]
    public void Fit_RestoreBestWeights_EndsWithTheBestEpochsWeights()
    {
        var model = Classifier();
        var snapshots = new List<float[][]>();
        var record = new LambdaCallback { EpochEnd = (_, _) => snapshots.Add(WeightValues(model)) };
        // The training loss falls every epoch, so in max mode the best epoch is the first and the stop is patience later.
        var stopping = new EarlyStopping(monitor: "loss", patience: 2, mode: MonitorMode.Max, restoreBestWeights: true);

        var history = model.Fit(Features(40, 5), Labels(40, 3), batchSize: 8, epochs: 20, verbose: 0, callbacks: [record, stopping]);

        var losses = history["loss"];
        int best = Enumerable.Range(0, losses.Count).MaxBy(i => losses[i]);
        Assert.That(losses, Has.Count.EqualTo(best + 3));
        Assert.That(stopping.StoppedEpoch, Is.EqualTo(best + 2));
        Assert.That(stopping.BestEpoch, Is.EqualTo(best));
        Assert.That(WeightValues(model), Is.EqualTo(snapshots[best]));
        Assert.That(WeightValues(model), Is.Not.EqualTo(snapshots[^1]));
    }

    [Test]
    public void Fit_WithoutRestore_KeepsTheLastWeights()
    {
        var model = Classifier();
        var snapshots = new List<float[][]>();
        var record = new LambdaCallback { EpochEnd = (_, _) => snapshots.Add(WeightValues(model)) };

        var history = model.Fit(Features(40, 5), Labels(40, 3), batchSize: 8, epochs: 20, verbose: 0,
            callbacks: [record, new EarlyStopping(monitor: "loss", patience: 1, mode: MonitorMode.Max)]);

        Assert.That(history.Epochs, Has.Count.LessThan(20));
        Assert.That(WeightValues(model), Is.EqualTo(snapshots[^1]));
    }

    [Test]
    public void OnEpochEnd_MinDeltaAndPatience_CountsOnlyRealImprovements()
    {
        var model = Classifier();
        var stopping = new EarlyStopping(monitor: "val_loss", minDelta: 0.1, patience: 2) { Model = model };
        stopping.OnTrainBegin(new Dictionary<string, double>());
        double[] values = [1.0, 0.95, 0.8, 0.75, 0.72];
        int epoch = 0;
        for (; epoch < values.Length && !model.StopTraining; epoch++)
            stopping.OnEpochEnd(epoch, new Dictionary<string, double> { ["val_loss"] = values[epoch] });

        // 0.95 is not 0.1 better than 1.0; 0.8 is; 0.75 and 0.72 are not: stop at epoch 4.
        Assert.That(stopping.Best, Is.EqualTo(0.8));
        Assert.That(stopping.StoppedEpoch, Is.EqualTo(4));
        Assert.That(model.StopTraining, Is.True);
    }

    [TestCase("acc", double.NegativeInfinity)]
    [TestCase("val_acc", double.NegativeInfinity)]
    [TestCase("val_loss", double.PositiveInfinity)]
    public void OnTrainBegin_AutoMode_FollowsKerasNameRule(string monitor, double expectedStart)
    {
        var stopping = new EarlyStopping(monitor: monitor) { Model = Classifier() };
        stopping.OnTrainBegin(new Dictionary<string, double>());
        Assert.That(stopping.Best, Is.EqualTo(expectedStart));
    }

    [Test]
    public void OnEpochEnd_BaselineNotBeaten_StopsAfterPatience()
    {
        var model = Classifier();
        var stopping = new EarlyStopping(monitor: "val_loss", patience: 2, baseline: 0.5) { Model = model };
        stopping.OnTrainBegin(new Dictionary<string, double>());
        stopping.OnEpochEnd(0, new Dictionary<string, double> { ["val_loss"] = 0.6 });
        Assert.That(model.StopTraining, Is.False);
        stopping.OnEpochEnd(1, new Dictionary<string, double> { ["val_loss"] = 0.55 });
        Assert.That(model.StopTraining, Is.True);
    }
}
