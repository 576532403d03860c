using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>Convolution and pooling layers against hand-computed values; noise layers' statistics.</summary>
public sealed class ConvNoiseLayerTests : LayerTestBase
{
    [Test]
    public void Conv1D_KnownKernel_CrossCorrelatesPlusBias()
    {
        var x = K.Placeholder([null, 4, 1], name: "x");
        var conv = new Conv1D(1, 2);
        var y = conv.Apply(x);
        Set(conv.Kernel, 1, 10);
        Set(conv.Bias!, 0.5f);

        var values = Run(x, y, Tensor.Create(new float[] { 1, 2, 3, 4 }, [1, 4, 1]));

        Assert.That(conv.Kernel.Shape, Is.EqualTo(Shape.Of(2, 1, 1)));
        Assert.That(values, Is.EqualTo(new float[] { 21.5f, 32.5f, 43.5f }));
    }

    [Test]
    public void Conv1D_Causal_OutputAtStepDependsOnlyOnThePast()
    {
        var x = K.Placeholder([null, 4, 1], name: "x");
        var conv = new Conv1D(1, 2, padding: "causal", useBias: false);
        var y = conv.Apply(x);
        Set(conv.Kernel, 1, 10);

        var values = Run(x, y, Tensor.Create(new float[] { 1, 2, 3, 4 }, [1, 4, 1]));

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 4, 1)));
        Assert.That(values, Is.EqualTo(new float[] { 10, 21, 32, 43 }));
    }

    [Test]
    public void Conv2D_SameStrideTwo_ShapeAsKeras()
    {
        var conv = new Conv2D(8, (3, 3), strides: (2, 2), padding: "same");
        var y = conv.Apply(K.Placeholder([null, 7, 6, 3], name: "x"));

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 4, 3, 8)));
        Assert.That(conv.Kernel.Shape, Is.EqualTo(Shape.Of(3, 3, 3, 8)));
    }

    [Test]
    public void Conv_BadPadding_Throws() =>
        Assert.That(() => new Conv2D(1, 2, padding: "causal"), Throws.ArgumentException.With.Message.Contains("`padding`"));

    [Test]
    public void MaxPooling1D_Windows_TakeTheMaximum()
    {
        var x = K.Placeholder([null, 5, 1], name: "x");

        var values = Run(x, new MaxPooling1D().Apply(x), Tensor.Create(new float[] { 1, 3, 2, 0, 9 }, [1, 5, 1]));

        Assert.That(values, Is.EqualTo(new float[] { 3, 2 }));
    }

    [Test]
    public void AveragePooling2D_Window_Averages()
    {
        var x = K.Placeholder([null, 2, 2, 1], name: "x");

        var values = Run(x, new AveragePooling2D().Apply(x), Tensor.Create(new float[] { 1, 2, 3, 6 }, [1, 2, 2, 1]));

        Assert.That(values, Is.EqualTo(new float[] { 3 }));
    }

    [Test]
    public void GlobalPooling2D_OverRowsAndColumns()
    {
        var x = K.Placeholder([null, 2, 2, 1], name: "x");
        var input = Tensor.Create(new float[] { 1, 2, 3, 6 }, [1, 2, 2, 1]);

        Assert.That(Run(x, new GlobalAveragePooling2D().Apply(x), input), Is.EqualTo(new float[] { 3 }));
        Assert.That(Run(x, new GlobalMaxPooling2D().Apply(x), input), Is.EqualTo(new float[] { 6 }));
    }

    [Test]
    public void GaussianNoise_PhaseOne_AddsNoiseOfTheStddev()
    {
        var x = K.Placeholder([null, 10000], name: "x");
        var y = new GaussianNoise(0.5, seed: 4).Apply(x);

        var values = RunAt(x, y, Ones(1, 10000), 1);

        double mean = values.Average(), sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.That(mean, Is.EqualTo(1).Within(0.03));
        Assert.That(sd, Is.EqualTo(0.5).Within(0.03));
    }

    [Test]
    public void GaussianDropout_PhaseOne_MultipliesByMeanOneNoise()
    {
        var x = K.Placeholder([null, 10000], name: "x");
        var y = new GaussianDropout(0.2, seed: 4).Apply(x);

        var values = RunAt(x, y, Ones(1, 10000), 1);

        double mean = values.Average(), sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.That(mean, Is.EqualTo(1).Within(0.03));
        Assert.That(sd, Is.EqualTo(Math.Sqrt(0.2 / 0.8)).Within(0.03));
    }

    [Test]
    public void GaussianDropout_RateZero_IdentityWithoutPhase()
    {
        var x = K.Placeholder([null, 3], name: "x");

        Assert.That(new GaussianDropout(0).Apply(x).UsesLearningPhase, Is.False);
    }

    [Test]
    public void AlphaDropout_PhaseOne_KeepsOrSetsToAffineSaturation()
    {
        var x = K.Placeholder([null, 10000], name: "x");
        var y = new AlphaDropout(0.1, seed: 4).Apply(x);
        var input = Tensor.Create(Enumerable.Range(0, 10000).Select(i => MathF.Sin(i) * 1.7f).ToArray(), [1, 10000]);

        var values = RunAt(x, y, input, 1);

        const double alphaP = -1.6732632423543772 * 1.0507009873554805;
        double a = Math.Pow(0.9 * (1 + 0.1 * alphaP * alphaP), -0.5), b = -a * alphaP * 0.1;
        var source = input.ToArray();
        int dropped = 0;
        for (int i = 0; i < values.Length; i++)
        {
            bool kept = Math.Abs(values[i] - (a * source[i] + b)) < 1e-4;
            bool isDropped = Math.Abs(values[i] - (a * alphaP + b)) < 1e-4;
            Assert.That(kept || isDropped, Is.True, $"element {i}");
            if (isDropped && !kept) dropped++;
        }
        Assert.That(dropped / 10000.0, Is.EqualTo(0.1).Within(0.015));
    }
}
