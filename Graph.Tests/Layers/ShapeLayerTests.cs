using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>Flatten, Reshape, Permute, RepeatVector, Embedding and TimeDistributed values and errors.</summary>
public sealed class ShapeLayerTests : LayerTestBase
{
    private static Tensor<float> Ramp(params int[] dims) =>
        Tensor.Create(Enumerable.Range(0, dims.Aggregate(1, (a, d) => a * d)).Select(i => (float)i).ToArray(), dims.Select(d => (nint)d).ToArray());

    [Test]
    public void Flatten_KeepsRowMajorOrder()
    {
        var x = K.Placeholder([null, 2, 3], name: "x");
        var y = new Flatten().Apply(x);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 6)));
        Assert.That(Run(x, y, Ramp(2, 2, 3)), Is.EqualTo(Ramp(2, 2, 3).ToArray()));
    }

    [Test]
    public void Flatten_UnknownSampleDimension_ComputeOutputShapeThrows() =>
        Assert.That(() => new Flatten().ComputeOutputShape(new Shape(null, null, 3)),
            Throws.ArgumentException.With.Message.Contains("is not fully defined"));

    [Test]
    public void Reshape_InfersMinusOne()
    {
        var x = K.Placeholder([null, 2, 6], name: "x");
        var y = new Reshape([3, -1]).Apply(x);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 3, 4)));
        Assert.That(Run(x, y, Ramp(2, 2, 6)), Is.EqualTo(Ramp(2, 2, 6).ToArray()));
    }

    [Test]
    public void Reshape_WrongSize_Throws() =>
        Assert.That(() => new Reshape([5]).Apply(K.Placeholder([null, 2, 3], name: "x")),
            Throws.ArgumentException.With.Message.Contains("total size of new array must be unchanged"));

    [Test]
    public void Permute_SwapsSampleAxes()
    {
        var x = K.Placeholder([null, 2, 3], name: "x");
        var y = new Permute([2, 1]).Apply(x);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 3, 2)));
        Assert.That(Run(x, y, Ramp(1, 2, 3)), Is.EqualTo(new float[] { 0, 3, 1, 4, 2, 5 }));
    }

    [Test]
    public void Permute_NotAPermutationFromOne_Throws() =>
        Assert.That(() => new Permute([0, 1]), Throws.ArgumentException.With.Message.Contains("must be consecutive and start from 1"));

    [Test]
    public void RepeatVector_RepeatsEachSample()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var y = new RepeatVector(3).Apply(x);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 3, 2)));
        Assert.That(Run(x, y, Ramp(1, 2)), Is.EqualTo(new float[] { 0, 1, 0, 1, 0, 1 }));
    }

    [Test]
    public void Embedding_LooksUpRows()
    {
        var x = K.Placeholder([null, 3], name: "x");
        var embedding = new Embedding(4, 2);
        var y = embedding.Apply(x);
        Set(embedding.Embeddings, 0, 1, 10, 11, 20, 21, 30, 31);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 3, 2)));
        Assert.That(Run(x, y, Tensor.Create(new float[] { 3, 0, 2 }, [1, 3])), Is.EqualTo(new float[] { 30, 31, 0, 1, 20, 21 }));
    }

    [Test]
    public void Embedding_DefaultInitializer_UniformPointZeroFive()
    {
        var embedding = new Embedding(50, 8);
        embedding.Apply(K.Placeholder([null, 3], name: "x"));

        Assert.That(Get(embedding.Embeddings), Has.All.InRange(-0.05f, 0.05f));
    }

    [Test]
    public void Embedding_InputLengthMismatch_Throws() =>
        Assert.That(() => new Embedding(4, 2, inputLength: 5).ComputeOutputShape(new Shape(null, 3)),
            Throws.ArgumentException.With.Message.Contains("\"input_length\" is 5"));

    [Test]
    public void TimeDistributed_Dense_EqualsDenseOnEachStep()
    {
        var x = K.Placeholder([null, 3, 2], name: "x");
        var inner = new Dense(4, activation: "tanh");
        var wrapper = new TimeDistributed(inner);
        var y = wrapper.Apply(x);
        var step = K.Placeholder([null, 2], name: "step");
        var direct = inner.Apply(step);

        var all = Run(x, y, Ramp(2, 3, 2));
        var second = Run(step, direct, Tensor.Create(new float[] { 2, 3 }, [1, 2]));

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 3, 4)));
        Assert.That(all.Skip(4).Take(4).ToArray(), Is.EqualTo(second).Within(1e-6));
        Assert.That(wrapper.TrainableWeights, Is.EqualTo(inner.TrainableWeights));
    }
}
