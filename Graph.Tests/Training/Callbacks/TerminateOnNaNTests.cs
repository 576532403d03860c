using Graph.Runtime;
using Graph.Runtime.Training.Callbacks;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training.Callbacks;

public sealed class TerminateOnNaNTests : GraphTestBase
{
    [Test]
    public void Fit_NaNInThirdBatch_StopsThereWithoutApplyingIt()
    {
        var model = Classifier();
        var terminate = new TerminateOnNaN();
        var ended = new List<int>();
        float[][]? afterLastGoodBatch = null;
        var record = new LambdaCallback { BatchEnd = (b, _) => { ended.Add(b); afterLastGoodBatch = WeightValues(model); } };
        var warnings = new ListWarningSink();
        Session.For(Graph).Warnings = warnings;

        // Sample 17 is NaN; unshuffled batches of 8 put it in batch 2 of epoch 0.
        var history = model.Fit(Features(40, 5, nanAt: 17), Labels(40, 3), batchSize: 8, epochs: 3, shuffle: false, verbose: 0,
            callbacks: [record, terminate]);

        Assert.That(terminate.TerminatedBatch, Is.EqualTo(2));
        Assert.That(terminate.TerminatedEpoch, Is.EqualTo(0));
        Assert.That(ended, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(history.Epochs, Is.EqualTo(new[] { 0 }));
        Assert.That(model.StopTraining, Is.True);
        Assert.That(WeightValues(model), Is.EqualTo(afterLastGoodBatch));
        Assert.That(warnings.Messages, Has.One.Contains("Batch 2: Invalid loss"));
    }

    [Test]
    public void Fit_FiniteLosses_DoesNotTerminate()
    {
        var model = Classifier();
        var terminate = new TerminateOnNaN();

        var history = model.Fit(Features(16, 5), Labels(16, 3), batchSize: 8, epochs: 2, verbose: 0, callbacks: [terminate]);

        Assert.That(terminate.TerminatedBatch, Is.Null);
        Assert.That(history.Epochs, Has.Count.EqualTo(2));
    }

    [Test]
    public void OnBatchEnd_InfiniteLoss_StopsTraining()
    {
        var model = Classifier();
        var terminate = new TerminateOnNaN { Model = model };
        terminate.OnTrainBegin(new Dictionary<string, double>());
        terminate.OnEpochBegin(1, new Dictionary<string, double>());
        terminate.OnBatchEnd(4, new Dictionary<string, double> { ["loss"] = double.PositiveInfinity });
        Assert.That((terminate.TerminatedEpoch, terminate.TerminatedBatch, model.StopTraining), Is.EqualTo((1, 4, true)));
    }
}
