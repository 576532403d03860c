using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;

namespace Graph.Tests.Training;

/// <summary>Acceptance 1 and 2 of the training issue: the phase bound through the real API, and frozen sub-models.</summary>
public sealed class TrainingPhaseTests : GraphTestBase
{
    private static Tensor<float> Inputs(int n, int features, int seed) =>
        Tensor.Create(Enumerable.Range(0, n * features).Select(i => MathF.Sin(i * 0.37f + seed)).ToArray(), [n, features]);

    private static Tensor<float> OneHot(int n, int classes) =>
        Tensor.Create(Enumerable.Range(0, n * classes).Select(i => i % classes == i / classes % classes ? 1f : 0f).ToArray(), [n, classes]);

    private static Model DropoutModel(string prefix)
    {
        var input = new Input([6], name: prefix + "_in");
        var h = new Dense(8, activation: "tanh", name: prefix + "_dense").Apply(input);
        var output = new Dropout(0.5, name: prefix + "_dropout").Apply(h);
        return new Model(input, output, name: prefix);
    }

    [Test]
    public void Predict_ModelWithDropout_IsDeterministicAndEqualsPhaseZeroFunction()
    {
        var model = DropoutModel("m");
        model.Compile(new Sgd(0.1), "mse");
        var x = Inputs(5, 6, 1);

        var first = model.Predict(x).ToArray();
        var second = model.Predict(x).ToArray();
        var phaseZero = K.Function([.. model.Inputs, K.LearningPhase()], model.Outputs).Call(x, 0)[0].ToArray();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Is.EqualTo(phaseZero));
        Assert.That(model.FeedsLearningPhase, Is.True);
    }

    [Test]
    public void TrainOnBatch_LearningRateZero_LossDiffersFromTestOnBatch()
    {
        var model = DropoutModel("m");
        model.Compile(new Sgd(0.0), "mse");
        var (x, y) = (Inputs(16, 6, 2), Tensor.Create(Enumerable.Repeat(0.3f, 16 * 8).ToArray(), [16, 8]));
        var weightsBefore = model.Weights.Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray();

        double trainLoss = model.TrainOnBatch(x, y)[0];
        double testLoss = model.TestOnBatch(x, y)[0];

        Assert.That(trainLoss, Is.Not.EqualTo(testLoss).Within(1e-6), "dropout is active only in the training step");
        Assert.That(model.TestOnBatch(x, y)[0], Is.EqualTo(testLoss), "inference is deterministic");
        Assert.That(model.Weights.Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray(), Is.EqualTo(weightsBefore));
    }

    [Test]
    public void Compile_OutputsWithoutLearningPhase_HasNoPhaseInput()
    {
        var input = new Input([4]);
        var model = new Model(input, new Dense(2).Apply(input));

        model.Compile(new Sgd(0.1), "mse");

        Assert.That(model.FeedsLearningPhase, Is.False);
    }

    [Test]
    public void Fit_FrozenSubModelsMergedByDense_TrainsOnlyTheNewDenseAndStillDrops()
    {
        var a = DropoutModel("a");
        var b = DropoutModel("b");
        foreach (var m in new[] { a, b })
        {
            m.Compile(new Adam(0.01), "mse");
            m.Fit(Inputs(32, 6, 3), Tensor.Create(Enumerable.Repeat(0.5f, 32 * 8).ToArray(), [32, 8]), epochs: 2, verbose: 0);
            m.Trainable = false;
        }
        var input = new Input([6], name: "ab_in");
        var merged = new Concatenate().Apply([a.Apply(input), b.Apply(input)]);
        var head = new Dense(3, activation: "softmax", name: "head");
        var ab = new Model(input, head.Apply(merged), name: "ab");
        ab.Compile(new Adam(0.05), "categorical_crossentropy", ["accuracy"]);
        var frozenBefore = a.Weights.Concat(b.Weights).Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray();
        var headBefore = head.Weights.Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray();

        ab.Fit(Inputs(48, 6, 4), OneHot(48, 3), batchSize: 16, epochs: 3, verbose: 0);

        Assert.That(a.Weights.Concat(b.Weights).Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray(), Is.EqualTo(frozenBefore));
        Assert.That(head.Weights.Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray(), Is.Not.EqualTo(headBefore));
        var training = K.Function([.. ab.Inputs, K.LearningPhase()], [merged]).Call(Inputs(4, 6, 5), 1)[0].ToArray();
        var inference = K.Function([.. ab.Inputs, K.LearningPhase()], [merged]).Call(Inputs(4, 6, 5), 0)[0].ToArray();
        Assert.That(training.Count(v => v == 0f), Is.GreaterThan(inference.Count(v => v == 0f)), "the frozen Dropouts still drop in training");
        Assert.That(ab.FeedsLearningPhase, Is.True);
    }

    [Test]
    public void Fit_TrainableChangedAfterCompile_WarnsDiscrepancy()
    {
        var sink = new ListWarningSink();
        Session.For(Graph).Warnings = sink;
        var model = DropoutModel("m");
        model.Compile(new Sgd(0.1), "mse");
        model.Trainable = false;

        model.Fit(Inputs(8, 6, 1), Tensor.Create(new float[64], [8, 8]), epochs: 1, verbose: 0);

        Assert.That(sink.Messages, Has.Some.Contains("Discrepancy between trainable weights and collected trainable weights"));
    }
}
