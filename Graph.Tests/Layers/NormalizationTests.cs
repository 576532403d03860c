using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>BatchNormalization and LayerNormalization numerics (KERAS_SEMANTICS §5).</summary>
public sealed class NormalizationTests : LayerTestBase
{
    private static readonly float[] Batch = [1, 10, 2, 20, 6, 60, 3, -30];

    [Test]
    public void BatchNormalization_Defaults_AreKeras()
    {
        var bn = new BatchNormalization();

        Assert.That((bn.Momentum, bn.Epsilon, bn.Axis, bn.Center, bn.Scale), Is.EqualTo((0.99, 1e-3, -1, true, true)));
        bn.Apply(K.Placeholder([null, 2], name: "x"));
        Assert.That(bn.Weights.Select(w => w.Name), Is.EqualTo(new[] { "batch_normalization/gamma", "batch_normalization/beta",
            "batch_normalization/moving_mean", "batch_normalization/moving_variance" }));
        Assert.That(Get(bn.MovingVariance), Is.EqualTo(new float[] { 1, 1 }));
    }

    [Test]
    public void BatchNormalization_PhaseOne_NormalizesWithBiasedBatchVariance()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var bn = new BatchNormalization();
        var y = bn.Apply(x);
        Set(bn.Gamma!, 2, 1);
        Set(bn.Beta!, 0.5f, 0);

        var values = RunAt(x, y, Tensor.Create(Batch, [4, 2]), 1);

        var column = new double[] { 1, 2, 6, 3 };
        double mean = column.Average(), variance = column.Select(v => (v - mean) * (v - mean)).Average();
        for (int r = 0; r < 4; r++)
            Assert.That(values[r * 2], Is.EqualTo((column[r] - mean) / Math.Sqrt(variance + 1e-3) * 2 + 0.5).Within(1e-5));
    }

    [Test]
    public void BatchNormalization_PhaseZero_UsesMovingStatistics()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var bn = new BatchNormalization();
        var y = bn.Apply(x);
        Set(bn.MovingMean, 1, -1);
        Set(bn.MovingVariance, 4, 9);

        var values = RunAt(x, y, Tensor.Create(Batch, [4, 2]), 0);

        Assert.That(values[0], Is.EqualTo((1 - 1) / Math.Sqrt(4.001)).Within(1e-6));
        Assert.That(values[1], Is.EqualTo((10 + 1) / Math.Sqrt(9.001)).Within(1e-5));
    }

    [Test]
    public void BatchNormalization_UpdatesAtPhaseOne_PlainEmaWithCorrectedVariance()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var bn = new BatchNormalization(momentum: 0.9);
        var y = bn.Apply(x);
        var f = K.Function([x, K.LearningPhase()], [y], bn.Updates);

        f.Call(Tensor.Create(Batch, [4, 2]), 1);

        var column = new double[] { 1, 2, 6, 3 };
        double mean = column.Average(), biased = column.Select(v => (v - mean) * (v - mean)).Average();
        double corrected = biased * 4 / (4 - 1.001);
        Assert.That(Get(bn.MovingMean)[0], Is.EqualTo(0.1 * mean).Within(1e-6));
        Assert.That(Get(bn.MovingVariance)[0], Is.EqualTo(0.9 + 0.1 * corrected).Within(1e-5));
    }

    [Test]
    public void BatchNormalization_UpdatesAtPhaseZero_ChangeNothing()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var bn = new BatchNormalization();
        var f = K.Function([x, K.LearningPhase()], [bn.Apply(x)], bn.Updates);

        f.Call(Tensor.Create(Batch, [4, 2]), 0);

        Assert.That(Get(bn.MovingMean), Is.EqualTo(new float[] { 0, 0 }));
        Assert.That(f.PlanFor(0).Updates, Is.Empty, "v := v updates are dropped from the inference plan");
    }

    [Test]
    public void BatchNormalization_TrainingTrue_UpdatesWithoutPhase()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var bn = new BatchNormalization();
        var y = bn.Apply(x, training: true);
        var f = K.Function([x], [y], bn.Updates);

        f.Call(Tensor.Create(Batch, [4, 2]));

        Assert.That(y.UsesLearningPhase, Is.False);
        Assert.That(Get(bn.MovingMean)[0], Is.EqualTo(0.01 * 3).Within(1e-6));
    }

    [Test]
    public void BatchNormalization_Axis1OfRank3_NormalizesPerChannel()
    {
        var x = K.Placeholder([null, 2, 3], name: "x");
        var bn = new BatchNormalization(axis: 1);
        var y = bn.Apply(x, training: true);

        var values = Run(x, y, Tensor.Create(Enumerable.Range(0, 12).Select(i => (float)(i * i)).ToArray(), [2, 2, 3]));

        Assert.That(bn.Gamma!.Shape, Is.EqualTo(Shape.Of(2)));
        var channel0 = new[] { 0, 1, 2, 6, 7, 8 }.Select(i => values[i]).ToArray();
        Assert.That(channel0.Average(), Is.EqualTo(0).Within(1e-5));
    }

    [Test]
    public void LayerNormalization_PerSample_ZeroMeanUnitVariance()
    {
        var x = K.Placeholder([null, 4], name: "x");
        var y = new LayerNormalization().Apply(x);
        float[] row = [1, 2, 3, 10];

        var values = Run(x, y, Tensor.Create(row, [1, 4]));

        double mean = row.Average(), variance = row.Select(v => (v - mean) * (v - mean)).Average();
        for (int i = 0; i < 4; i++) Assert.That(values[i], Is.EqualTo((row[i] - mean) / Math.Sqrt(variance + 1e-3)).Within(1e-5));
    }
}
