using System.Numerics.Tensors;
using Digits;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;

namespace Graph.Tests.Training;

/// <summary>Acceptance 4 of the training issue, with fewer epochs: the Digits MLP learns the real data set.</summary>
public sealed class DigitsEndToEndTests : GraphTestBase
{
    [Test]
    public void Fit_DigitsMlpTenEpochs_ReachesTestAccuracyAbove093()
    {
        var (train, test) = DigitsData.Load(DigitsData.FindFile()).StratifiedSplit(0.75, seed: 7);
        var model = DigitsModel.Build();
        model.Compile(new Adam(1e-3), "sparse_categorical_crossentropy", ["accuracy"]);

        model.Fit(Rows(train.Features), Tensor.Create(train.Labels, [train.Labels.Length]), batchSize: 32, epochs: 10, verbose: 0);
        var results = model.Evaluate(Rows(test.Features), Tensor.Create(test.Labels, [test.Labels.Length]));

        Assert.That(train.Labels.Length, Is.EqualTo(1347));
        Assert.That(results[1], Is.GreaterThanOrEqualTo(0.93));
    }

    [Test]
    public void StratifiedSplit_KeepsClassProportions()
    {
        var data = DigitsData.Load(DigitsData.FindFile());

        var (train, test) = data.StratifiedSplit(0.75, seed: 7);

        for (int digit = 0; digit < 10; digit++)
        {
            int total = data.Labels.Count(l => l == digit), inTrain = train.Labels.Count(l => l == digit);
            Assert.That(inTrain, Is.EqualTo((int)Math.Round(total * 0.75)), $"digit {digit}");
            Assert.That(test.Labels.Count(l => l == digit), Is.EqualTo(total - inTrain));
        }
    }

    private static Tensor<float> Rows(float[][] rows) => Tensor.Create(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);
}
