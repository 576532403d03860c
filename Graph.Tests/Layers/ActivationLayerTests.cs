using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>Activation by name and the advanced activation layers, against Keras's formulas.</summary>
public sealed class ActivationLayerTests : LayerTestBase
{
    private static readonly float[] Xs = [-2f, -0.5f, 0.25f, 1.5f];

    private static IEnumerable<TestCaseData> Formulas()
    {
        yield return Case("linear", x => x);
        yield return Case("relu", x => Math.Max(0, x));
        yield return Case("sigmoid", x => 1 / (1 + Math.Exp(-x)));
        yield return Case("hard_sigmoid", x => Math.Clamp(0.2 * x + 0.5, 0, 1));
        yield return Case("tanh", Math.Tanh);
        yield return Case("elu", x => x > 0 ? x : Math.Exp(x) - 1);
        yield return Case("selu", x => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.Exp(x) - 1)));
        yield return Case("softplus", x => Math.Log(1 + Math.Exp(x)));
        yield return Case("softsign", x => x / (1 + Math.Abs(x)));
        yield return Case("exponential", Math.Exp);
    }

    private static TestCaseData Case(string name, Func<double, double> f) =>
        new TestCaseData(name, f).SetName($"Activation_{name}_MatchesKerasFormula");

    [TestCaseSource(nameof(Formulas))]
    public void Activation_ByName_MatchesKerasFormula(string name, Func<double, double> formula)
    {
        var x = K.Placeholder([null, 4], name: "x");

        var values = Run(x, new Activation(name).Apply(x), Tensor.Create(Xs, [1, 4]));

        for (int i = 0; i < Xs.Length; i++) Assert.That(values[i], Is.EqualTo(formula(Xs[i])).Within(1e-6));
    }

    [Test]
    public void Activation_Softmax_RowsSumToOne()
    {
        var x = K.Placeholder([null, 4], name: "x");

        var values = Run(x, new Activation("softmax").Apply(x), Tensor.Create(Xs, [1, 4]));

        double z = Xs.Sum(v => Math.Exp(v));
        Assert.That(values[3], Is.EqualTo(Math.Exp(1.5) / z).Within(1e-6));
    }

    [Test]
    public void Activation_SoftmaxOnRankOne_Throws() =>
        Assert.That(() => new Activation("softmax").Apply(K.Placeholder([4], name: "v")),
            Throws.ArgumentException.With.Message.Contains("Cannot apply softmax to a tensor that is 1D"));

    [Test]
    public void Activation_UnknownName_ThrowsAtConstruction() =>
        Assert.That(() => new Activation("swishy"), Throws.ArgumentException.With.Message.Contains("Unknown activation function: swishy"));

    [Test]
    public void LeakyReLU_Default_SlopePointThree()
    {
        var x = K.Placeholder([null, 4], name: "x");

        var values = Run(x, new LeakyReLU().Apply(x), Tensor.Create(Xs, [1, 4]));

        Assert.That(values, Is.EqualTo(new[] { -0.6f, -0.15f, 0.25f, 1.5f }).Within(1e-6));
    }

    [Test]
    public void ThresholdedReLU_KeepsOnlyAboveTheta()
    {
        var x = K.Placeholder([null, 4], name: "x");

        var values = Run(x, new ThresholdedReLU(0.25).Apply(x), Tensor.Create(Xs, [1, 4]));

        Assert.That(values, Is.EqualTo(new[] { 0f, 0f, 0f, 1.5f }), "x > theta, strictly");
    }

    [Test]
    public void ELU_Alpha_ScalesNegativePart()
    {
        var x = K.Placeholder([null, 4], name: "x");

        var values = Run(x, new ELU(0.5).Apply(x), Tensor.Create(Xs, [1, 4]));

        Assert.That(values[0], Is.EqualTo(0.5 * (Math.Exp(-2) - 1)).Within(1e-6));
    }

    [Test]
    public void PReLU_LearnedAlpha_PerFeature()
    {
        var x = K.Placeholder([null, 4], name: "x");
        var prelu = new PReLU();
        var y = prelu.Apply(x);
        Set(prelu.Alpha, 0.1f, 0.2f, 0.3f, 0.4f);

        var values = Run(x, y, Tensor.Create(Xs, [1, 4]));

        Assert.That(prelu.Alpha.Shape, Is.EqualTo(Shape.Of(4)));
        Assert.That(values, Is.EqualTo(new[] { -0.2f, -0.1f, 0.25f, 1.5f }).Within(1e-6));
    }

    [Test]
    public void PReLU_SharedAxes_AlphaHasSizeOneThere()
    {
        var prelu = new PReLU(sharedAxes: [1, 2]);

        prelu.Apply(K.Placeholder([null, 5, 6, 3], name: "x"));

        Assert.That(prelu.Alpha.Shape, Is.EqualTo(Shape.Of(1, 1, 3)));
    }
}
