using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;

namespace Graph.Tests.Training;

/// <summary>Acceptance 5 and 6 of the training issue: Keras-style output, and bad input.</summary>
public sealed class FitTests : GraphTestBase
{
    private static Tensor<float> Features(int n, int features) =>
        Tensor.Create(Enumerable.Range(0, n * features).Select(i => MathF.Cos(i * 0.61f)).ToArray(), [n, features]);

    private static Tensor<int> Labels(int n, int classes) => Tensor.Create(Enumerable.Range(0, n).Select(i => i % classes).ToArray(), [n]);

    private static Model Classifier(int features = 5, int classes = 3)
    {
        var input = new Input([features], name: "x");
        var h = new Dense(8, activation: "tanh", name: "hidden").Apply(input);
        var output = new Dense(classes, activation: "softmax", name: "out").Apply(h);
        var model = new Model(input, output, name: "clf");
        model.Compile(new Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }

    private static float[][] WeightValues(Model model) => model.Weights.Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray();

    [Test]
    public void Fit_Verbose1Redirected_PrintsEpochHeaderAndOneFinalBarPerEpoch()
    {
        var model = Classifier();
        var output = new StringWriter();
        model.ProgressOutput = output;

        model.Fit(Features(50, 5), Labels(50, 3), batchSize: 16, epochs: 2, verbose: 1, validationSplit: 0.2);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(output.ToString().Contains('\r'), Is.False);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[0], Is.EqualTo("Epoch 1/2"));
        Assert.That(lines[2], Is.EqualTo("Epoch 2/2"));
        Assert.That(lines[1], Does.Match(@"^40/40 \[==============================\] - \d+s \d+(us|ms)/step - loss: \d\.\d{4} - acc: \d\.\d{4} - val_loss: \d\.\d{4} - val_acc: \d\.\d{4}$"));
    }

    [Test]
    public void Fit_Verbose2_PrintsOneSummaryLinePerEpoch()
    {
        var model = Classifier();
        var output = new StringWriter();
        model.ProgressOutput = output;

        var history = model.Fit(Features(30, 5), Labels(30, 3), batchSize: 8, epochs: 3, verbose: 2);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(6));
        Assert.That(lines[1], Does.Match(@"^ - \d+s - loss: \d\.\d{4} - acc: \d\.\d{4}$"));
        Assert.That(history.Keys, Is.EqualTo(new[] { "loss", "acc" }));
        Assert.That(history["loss"], Has.Count.EqualTo(3));
        Assert.That(lines[5], Does.Contain($"loss: {history["loss"][2]:F4}"));
    }

    [Test]
    public void Fit_Verbose0_PrintsNothing()
    {
        var model = Classifier();
        var output = new StringWriter();
        model.ProgressOutput = output;

        model.Fit(Features(10, 5), Labels(10, 3), epochs: 1, verbose: 0);

        Assert.That(output.ToString(), Is.Empty);
    }

    [Test]
    public void Fit_DifferentSampleCounts_ThrowsAndChangesNothing()
    {
        var model = Classifier();
        var before = WeightValues(model);

        Assert.That(() => model.Fit(Features(10, 5), Labels(9, 3), verbose: 0),
            Throws.ArgumentException.With.Message.Contains("Found 10 input samples and 9 target samples"));
        Assert.That(WeightValues(model), Is.EqualTo(before));
    }

    [Test]
    public void Fit_WrongFeatureCount_ThrowsNamingTheInput()
    {
        var model = Classifier();

        Assert.That(() => model.Fit(Features(10, 4), Labels(10, 3), verbose: 0),
            Throws.ArgumentException.With.Message.Contains("expected x to have shape (?, 5) but got array with shape (10, 4)"));
    }

    [Test]
    public void Fit_SparseLabelOutOfRange_ThrowsAndChangesNothing()
    {
        var model = Classifier();
        var before = WeightValues(model);
        var labels = Tensor.Create(new[] { 0, 1, 2, 3, 0, 1 }, [6]);

        Assert.That(() => model.Fit(Features(6, 5), labels, verbose: 0),
            Throws.ArgumentException.With.Message.Contains("label value of 3 which is outside the valid range of [0, 3)"));
        Assert.That(WeightValues(model), Is.EqualTo(before));
    }

    [Test]
    public void Fit_NaNLoss_StopsCleanlyWithWeightsUnchanged()
    {
        var sink = new ListWarningSink();
        Session.For(Graph).Warnings = sink;
        var input = new Input([2], name: "x");
        var model = new Model(input, new Dense(1, name: "out").Apply(input));
        model.Compile(new Sgd(0.1), "mse");
        var before = WeightValues(model);
        var x = Tensor.Create(new[] { 1f, float.NaN, 0.5f, 0.5f }, [2, 2]);

        var history = model.Fit(x, Tensor.Create(new[] { 1f, 2f }, [2, 1]), batchSize: 2, epochs: 3, verbose: 0);

        Assert.That(WeightValues(model), Is.EqualTo(before));
        Assert.That(model.StopTraining, Is.True);
        Assert.That(sink.Messages, Has.Some.Contains("Invalid loss"));
        Assert.That(history.Epochs, Has.Count.LessThanOrEqualTo(1));
    }

    [Test]
    public void Evaluate_AfterFit_MatchesMetricsNamesAndAccuracyFromPredict()
    {
        var model = Classifier();
        var (x, y) = (Features(60, 5), Labels(60, 3));
        model.Fit(x, y, batchSize: 10, epochs: 5, verbose: 0);

        var results = model.Evaluate(x, y, batchSize: 7);
        var probabilities = model.Predict(x).ToArray();
        double accuracy = Enumerable.Range(0, 60).Count(i =>
            Enumerable.Range(0, 3).MaxBy(c => probabilities[i * 3 + c]) == y[i]) / 60.0;

        Assert.That(model.MetricsNames, Is.EqualTo(new[] { "loss", "acc" }));
        Assert.That(results[1], Is.EqualTo(accuracy).Within(1e-6));
    }

    [Test]
    public void FitBatches_BatchSource_TrainsStepsPerEpochAndStopsWhenSourceEnds()
    {
        var model = Classifier();
        var (x, y) = (Features(60, 5), Labels(60, 3));
        IEnumerable<(SampleData, SampleData)> Batches()
        {
            for (int i = 0; i < 9; i++) yield return (x, y);
        }

        var history = model.FitBatches(Batches(), stepsPerEpoch: 3, epochs: 3, verbose: 0);

        Assert.That(history.Epochs, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(history["loss"][2], Is.LessThan(history["loss"][0]));
        Assert.That(() => model.FitBatches(Batches(), stepsPerEpoch: 5, epochs: 2, verbose: 0),
            Throws.InvalidOperationException.With.Message.Contains("ended after 9 batches"));
    }

    [Test]
    public void PredictOnBatch_Tensor_EqualsPredictAndChecksTheInput()
    {
        var model = Classifier();
        var x = Features(7, 5);

        var onBatch = model.PredictOnBatch(x).Span<float>().ToArray();

        Assert.That(onBatch, Is.EqualTo(model.Predict(x, batchSize: 3).ToArray()));
        Assert.That(() => model.PredictOnBatch(Features(7, 4)), Throws.ArgumentException.With.Message.Contains("'x'").And.Message.Contains("(7, 4)"));
    }
}
