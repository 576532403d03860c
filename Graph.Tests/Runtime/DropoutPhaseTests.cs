using Graph.Core;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>Acceptance 1 of the foundation: one graph, the phase bound at feed time.</summary>
public sealed class DropoutPhaseTests : GraphTestBase
{
    [Test]
    public void Dropout_PhaseOne_GivesOnlyZerosAndTwos()
    {
        var x = K.Placeholder([null, 10], name: "x");
        var y = K.Dropout(x, 0.5);
        var f = K.Function([x, K.LearningPhase()], [y]);

        var values = f.Call(Ones(1, 10), 1)[0].ToArray();

        Assert.That(values, Has.All.Matches<float>(v => v == 0f || v == 2f));
    }

    [Test]
    public void Dropout_PhaseOneOverTenThousand_MeanNearOne()
    {
        var x = K.Placeholder([null, 10000], name: "x");
        var f = K.Function([x, K.LearningPhase()], [K.Dropout(x, 0.5)]);

        var values = f.Call(Ones(1, 10000), 1)[0].ToArray();

        Assert.That(values, Has.All.Matches<float>(v => v == 0f || v == 2f));
        Assert.That(values.Average(), Is.EqualTo(1.0).Within(0.03));
    }

    [Test]
    public void Dropout_PhaseZero_ReturnsInputExactly()
    {
        var x = K.Placeholder([null, 10], name: "x");
        var f = K.Function([x, K.LearningPhase()], [K.Dropout(x, 0.5)]);
        var input = Tensor2D(3, 10, i => i * 0.37f - 2f);

        var values = f.Call(input, 0)[0].ToArray();

        Assert.That(values, Is.EqualTo(input.ToArray()));
    }

    [Test]
    public void UsesLearningPhase_DropoutOutputAndTanhOfIt_TrueButInputOnlyNodeFalse()
    {
        var x = K.Placeholder([null, 10], name: "x");
        var fromXOnly = K.Tanh(x);
        var y = K.Dropout(x, 0.5);

        Assert.That(y.UsesLearningPhase, Is.True);
        Assert.That(fromXOnly.UsesLearningPhase, Is.False);
        Assert.That(K.Tanh(y).UsesLearningPhase, Is.True);
    }

    [Test]
    public void Dropout_TwoPhaseOneCalls_DrawFreshMasks()
    {
        var x = K.Placeholder([null, 100], name: "x");
        var f = K.Function([x, K.LearningPhase()], [K.Dropout(x, 0.5)]);

        var first = f.Call(Ones(1, 100), 1)[0].ToArray();
        var second = f.Call(Ones(1, 100), 1)[0].ToArray();

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Dropout_SameSeedsInTwoGraphs_SameMask()
    {
        float[] Draw()
        {
            var g = new ComputationGraph(seed: 99);
            using var _ = g.AsDefault();
            var x = K.Placeholder([null, 50], name: "x");
            var f = K.Function([x, K.LearningPhase()], [K.Dropout(x, 0.3, seed: 5)]);
            return f.Call(Ones(2, 50), 1)[0].ToArray();
        }

        Assert.That(Draw(), Is.EqualTo(Draw()));
    }

    [TestCase(-0.1)]
    [TestCase(1.0)]
    [TestCase(double.NaN)]
    public void Dropout_RateOutsideZeroOne_Throws(double rate)
    {
        var x = K.Placeholder([null, 10], name: "x");

        Assert.That(() => K.Dropout(x, rate), Throws.ArgumentException.With.Message.Contains("rate"));
    }

    [Test]
    public void Dropout_RateZero_IsIdentityWithoutPhase()
    {
        var x = K.Placeholder([null, 10], name: "x");

        var y = K.Dropout(x, 0);

        Assert.That(y, Is.SameAs(x));
        Assert.That(y.UsesLearningPhase, Is.False);
    }
}
