using System.Diagnostics;
using Graph.Ops.Layers;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>Acceptance 5: an LSTM(32) trained by the engine solves the adding problem of length 50.</summary>
public sealed class AddingProblemTests : GraphTestBase
{
    [Test]
    public void Fit_Lstm32OnLength50_ReachesTestMseBelow001()
    {
        var (xTrain, yTrain) = AddingProblem.AddingData.Generate(4000, 50, seed: 1);
        var (xValidation, yValidation) = AddingProblem.AddingData.Generate(500, 50, seed: 2);
        var (xTest, yTest) = AddingProblem.AddingData.Generate(1000, 50, seed: 3);
        var input = new Input([50, 2]);
        var output = new Dense(1).Apply(new LSTM(32).Apply(input.Node));
        var model = new Model(input.Node, output);
        model.Compile(new Adam(1e-2), "mse");

        var clock = Stopwatch.StartNew();
        double validation = double.NaN;
        for (int epoch = 0; epoch < 25 && !(validation < 0.005); epoch++)
        {
            model.Fit(xTrain, yTrain, batchSize: 50, epochs: 1, verbose: 0);
            validation = model.Evaluate(xValidation, yValidation, batchSize: 500)[0];
            TestContext.Out.WriteLine($"epoch {epoch + 1}: validation mse {validation:F4} after {clock.Elapsed.TotalSeconds:F1} s");
        }
        double test = model.Evaluate(xTest, yTest, batchSize: 500)[0];
        TestContext.Out.WriteLine($"test mse {test:F4} (predicting the mean: {Variance(yTest):F4}) after {clock.Elapsed.TotalSeconds:F1} s");

        Assert.That(test, Is.LessThan(0.01));
    }

    private static double Variance(System.Numerics.Tensors.Tensor<float> y)
    {
        var values = y.ToArray();
        double mean = values.Average(v => (double)v);
        return values.Average(v => (v - mean) * (v - mean));
    }
}
