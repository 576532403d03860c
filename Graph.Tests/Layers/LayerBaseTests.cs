using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>The Layer base: names, weights, InputSpec, call records, Input/Output, masks plumbing.</summary>
public sealed class LayerBaseTests : LayerTestBase
{
    [Test]
    public void Name_DefaultNames_AreBareThenNumberedPerGraph()
    {
        var names = new[] { new Dense(2).Name, new Dense(2).Name, new Dropout(0.1).Name, new Dense(2).Name };

        Assert.That(names, Is.EqualTo(new[] { "dense", "dense_1", "dropout", "dense_2" }));
    }

    [Test]
    public void Name_NewGraph_StartsAgain()
    {
        var first = new Dense(2);
        Assert.That(first.Name, Is.EqualTo("dense"));
        var g = new ComputationGraph();
        using var _ = g.AsDefault();

        Assert.That(new Dense(2).Name, Is.EqualTo("dense"));
    }

    [Test]
    public void Name_GivenName_IsKeptAndReserved()
    {
        var named = new Dense(2, name: "dense");

        Assert.That(named.Name, Is.EqualTo("dense"));
        Assert.That(new Dense(2).Name, Is.EqualTo("dense_1"));
    }

    [TestCase("Dense", "dense")]
    [TestCase("BatchNormalization", "batch_normalization")]
    [TestCase("Conv2D", "conv2d")]
    [TestCase("GlobalAveragePooling1D", "global_average_pooling1d")]
    [TestCase("PReLU", "p_re_lu")]
    [TestCase("LeakyReLU", "leaky_re_lu")]
    [TestCase("SpatialDropout1D", "spatial_dropout1d")]
    public void ToSnakeCase_KerasClassNames_AsKeras(string className, string expected) =>
        Assert.That(Layer.ToSnakeCase(className), Is.EqualTo(expected));

    [Test]
    public void Input_Names_AreOneBased()
    {
        var a = new Input([3]);
        var b = new Input([3]);

        Assert.That((a.Layer.Name, b.Layer.Name), Is.EqualTo(("input_1", "input_2")));
        Assert.That(a.Node.Name, Is.EqualTo("input_1"));
        Assert.That(a.Shape, Is.EqualTo(new Shape(null, 3)));
    }

    [Test]
    public void AddWeight_Dense_NamesWeightsUnderLayerScope()
    {
        var x = K.Placeholder([null, 3], name: "x");
        var d1 = new Dense(4);
        var d2 = new Dense(2);
        d2.Apply(d1.Apply(x));

        Assert.That(d1.Weights.Select(w => w.Name), Is.EqualTo(new[] { "dense/kernel", "dense/bias" }));
        Assert.That(d2.Weights.Select(w => w.Name), Is.EqualTo(new[] { "dense_1/kernel", "dense_1/bias" }));
        Assert.That(d1.Kernel.Shape, Is.EqualTo(Shape.Of(3, 4)));
    }

    [Test]
    public void Apply_Twice_BuildsOnceAndRecordsTwoCalls()
    {
        var x = K.Placeholder([null, 3], name: "x");
        var dense = new Dense(4);

        dense.Apply(x);
        dense.Apply(x);

        Assert.That(dense.Weights, Has.Count.EqualTo(2));
        Assert.That(dense.Calls, Has.Count.EqualTo(2));
        Assert.That(() => dense.Output, Throws.InvalidOperationException.With.Message.Contains("multiple inbound nodes"));
        Assert.That(dense.GetInputAt(1), Is.SameAs(x));
    }

    [Test]
    public void Output_NeverCalled_ThrowsNotConnected()
    {
        var dense = new Dense(4);

        Assert.That(() => dense.Output, Throws.InvalidOperationException.With.Message.Contains("Layer dense is not connected"));
    }

    [Test]
    public void Dense_KnownWeights_ComputesXWPlusBiasThenActivation()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var dense = new Dense(2, activation: "tanh");
        var y = dense.Apply(x);
        Set(dense.Kernel, 1, 2, 3, 4);
        Set(dense.Bias!, 0.5f, -1);

        var values = Run(x, y, Tensor2D(1, 2, i => i + 1));

        Assert.That(values[0], Is.EqualTo(MathF.Tanh(1 + 6 + 0.5f)).Within(1e-6));
        Assert.That(values[1], Is.EqualTo(MathF.Tanh(2 + 8 - 1)).Within(1e-6));
    }

    [Test]
    public void Dense_DefaultInitializers_GlorotUniformKernelZeroBias()
    {
        var dense = new Dense(30);
        dense.Apply(K.Placeholder([null, 20], name: "x"));

        var kernel = Get(dense.Kernel);
        double limit = Math.Sqrt(6.0 / (20 + 30));
        Assert.That(kernel, Has.All.InRange(-limit, limit));
        Assert.That(kernel.Max() - kernel.Min(), Is.GreaterThan(limit));
        Assert.That(Get(dense.Bias!), Has.All.EqualTo(0f));
    }

    [Test]
    public void Apply_RankOneToDense_ThrowsKerasInputSpecError()
    {
        var x = K.Placeholder([3], name: "x");

        Assert.That(() => new Dense(2).Apply(x),
            Throws.ArgumentException.With.Message.EqualTo("Input 0 is incompatible with layer dense: expected min_ndim=2, found ndim=1"));
    }

    [Test]
    public void Apply_BuiltDenseOnOtherWidth_ThrowsAxisError()
    {
        var dense = new Dense(2);
        dense.Apply(K.Placeholder([null, 3], name: "a"));

        Assert.That(() => dense.Apply(K.Placeholder([null, 4], name: "b")),
            Throws.ArgumentException.With.Message.Contains("expected axis -1 of input shape to have value 3"));
    }

    [Test]
    public void Apply_LayerReturningItsInput_RecordsACopy()
    {
        var x = K.Placeholder([null, 3], name: "x");
        var linear = new Activation("linear");

        var y = linear.Apply(x);

        Assert.That(y, Is.Not.SameAs(x));
        Assert.That(KerasHistory.LayerOf(y), Is.SameAs(linear));
        Assert.That(KerasHistory.LayerOf(x), Is.Null);
        Assert.That(Run(x, y, Tensor2D(2, 3, i => i)), Is.EqualTo(Enumerable.Range(0, 6).Select(i => (float)i).ToArray()));
    }

    [Test]
    public void Dropout_RateOne_ThrowsArgumentError() =>
        Assert.That(() => new Dropout(1.0), Throws.ArgumentException.With.Message.Contains("[0, 1)"));

    [Test]
    public void Lambda_NoOutputShape_InfersItFromTheFunction()
    {
        var lambda = new Lambda(x => G.MatMul(x, G.Constant(new float[6], 3, 2)));

        Assert.That(lambda.ComputeOutputShape(new Shape(null, 3)), Is.EqualTo(new Shape(null, 2)));
    }

    [Test]
    public void Trainable_False_MovesWeightsToNonTrainable()
    {
        var dense = new Dense(2);
        dense.Apply(K.Placeholder([null, 3], name: "x"));

        dense.Trainable = false;

        Assert.That(dense.TrainableWeights, Is.Empty);
        Assert.That(dense.NonTrainableWeights, Is.EqualTo(new[] { dense.Kernel, dense.Bias }));
    }
}
