using Graph.Runtime.Training.Callbacks;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training.Callbacks;

public sealed class LearningRateCallbackTests : GraphTestBase
{
    [Test]
    public void Fit_Scheduler_SetsTheRateAtEachEpochBegin()
    {
        var model = Classifier(new Sgd(0.1));
        var seen = new List<double>();
        var scheduler = new LearningRateScheduler((epoch, lr) => epoch == 0 ? lr : lr * 0.5);
        var record = new LambdaCallback { EpochBegin = (_, _) => seen.Add(model.Optimizer!.LearningRate) };

        model.Fit(Features(16, 5), Labels(16, 3), batchSize: 8, epochs: 3, verbose: 0, callbacks: [scheduler, record]);

        Assert.That(seen, Is.EqualTo(new[] { 0.1, 0.05, 0.025 }).Within(1e-7));
    }

    [Test]
    public void OnEpochEnd_Plateau_ReducesAfterPatienceThenCoolsDownAndStopsAtMinLr()
    {
        var model = Classifier(new Sgd(1.0));
        var reduce = new ReduceLROnPlateau(monitor: "val_loss", factor: 0.5, patience: 2, cooldown: 1, minLr: 0.3) { Model = model };
        reduce.OnTrainBegin(new Dictionary<string, double>());
        var rates = new List<double>();
        double[] values = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
        for (int e = 0; e < values.Length; e++)
        {
            reduce.OnEpochEnd(e, new Dictionary<string, double> { ["val_loss"] = values[e] });
            rates.Add(model.Optimizer!.LearningRate);
        }

        // Epoch 0 sets best; epochs 1-2 wait → 0.5; epoch 3 ends the cooldown and counts (Keras); 4 → 0.3 (minLr, not
        // 0.25); afterwards it stays at minLr.
        Assert.That(rates, Is.EqualTo(new[] { 1.0, 1.0, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3 }).Within(1e-7));
    }

    [Test]
    public void OnEpochEnd_ImprovementBeyondMinDelta_ResetsTheWait()
    {
        var model = Classifier(new Sgd(1.0));
        var reduce = new ReduceLROnPlateau(monitor: "acc", factor: 0.1, patience: 1, minDelta: 0.01) { Model = model };
        reduce.OnTrainBegin(new Dictionary<string, double>());
        reduce.OnEpochEnd(0, new Dictionary<string, double> { ["acc"] = 0.5 });
        reduce.OnEpochEnd(1, new Dictionary<string, double> { ["acc"] = 0.6 });
        Assert.That(model.Optimizer!.LearningRate, Is.EqualTo(1.0));
        reduce.OnEpochEnd(2, new Dictionary<string, double> { ["acc"] = 0.605 });
        Assert.That(model.Optimizer!.LearningRate, Is.EqualTo(0.1).Within(1e-7));
    }

    [Test]
    public void Constructor_FactorOne_Throws() =>
        Assert.That(() => new ReduceLROnPlateau(factor: 1.0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("factor >= 1.0"));

    [Test]
    public void Fit_LambdaAndCustomCallback_SeeEveryHookAndCanStopTraining()
    {
        var model = Classifier();
        var events = new List<string>();
        var lambda = new LambdaCallback
        {
            TrainBegin = _ => events.Add("train_begin"),
            EpochBegin = (e, _) => events.Add($"epoch_begin {e}"),
            BatchBegin = (b, logs) => events.Add($"batch_begin {b} size={logs["size"]}"),
            BatchEnd = (b, logs) => events.Add($"batch_end {b} loss={logs.ContainsKey("loss")}"),
            EpochEnd = (e, logs) => events.Add($"epoch_end {e} {string.Join(",", logs.Keys)}"),
            TrainEnd = _ => events.Add("train_end"),
        };

        var history = model.Fit(Features(10, 5), Labels(10, 3), batchSize: 8, epochs: 5, verbose: 0, validationSplit: 0.2,
            callbacks: [lambda, new StopAfter(2)]);

        Assert.That(events, Is.EqualTo(new[]
        {
            "train_begin",
            "epoch_begin 0", "batch_begin 0 size=8", "batch_end 0 loss=True", "epoch_end 0 loss,acc,val_loss,val_acc",
            "epoch_begin 1", "batch_begin 0 size=8", "batch_end 0 loss=True", "epoch_end 1 loss,acc,val_loss,val_acc",
            "train_end",
        }));
        Assert.That(history.Epochs, Is.EqualTo(new[] { 0, 1 }));
    }

    private sealed class StopAfter(int epochs) : Callback
    {
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            if (epoch + 1 >= epochs) Model!.StopTraining = true;
        }
    }
}
