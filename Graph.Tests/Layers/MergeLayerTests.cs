using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>Merge layers: values, shape errors, masks.</summary>
public sealed class MergeLayerTests : LayerTestBase
{
    private Node _a = null!, _b = null!;
    private static readonly Tensor<float> A = Tensor.Create(new float[] { 1, -2, 3 }, [1, 3]);
    private static readonly Tensor<float> B = Tensor.Create(new float[] { 4, 5, -6 }, [1, 3]);

    [SetUp]
    public void Inputs()
    {
        _a = K.Placeholder([null, 3], name: "a");
        _b = K.Placeholder([null, 3], name: "b");
    }

    private float[] Merge(Layer layer) => K.Function([_a, _b], [layer.Apply([_a, _b])]).Call(A, B)[0].ToArray();

    [Test]
    public void Add_Sums() => Assert.That(Merge(new Add()), Is.EqualTo(new float[] { 5, 3, -3 }));

    [Test]
    public void Subtract_Differences() => Assert.That(Merge(new Subtract()), Is.EqualTo(new float[] { -3, -7, 9 }));

    [Test]
    public void Multiply_Products() => Assert.That(Merge(new Multiply()), Is.EqualTo(new float[] { 4, -10, -18 }));

    [Test]
    public void Average_Means() => Assert.That(Merge(new Average()), Is.EqualTo(new float[] { 2.5f, 1.5f, -1.5f }));

    [Test]
    public void Maximum_Elementwise() => Assert.That(Merge(new Graph.Ops.Layers.Maximum()), Is.EqualTo(new float[] { 4, 5, 3 }));

    [Test]
    public void Minimum_Elementwise() => Assert.That(Merge(new Graph.Ops.Layers.Minimum()), Is.EqualTo(new float[] { 1, -2, -6 }));

    [Test]
    public void Concatenate_LastAxis() =>
        Assert.That(Merge(new Concatenate()), Is.EqualTo(new float[] { 1, -2, 3, 4, 5, -6 }));

    [Test]
    public void Dot_Rank2_PerSampleDotProduct()
    {
        var y = new Dot(1).Apply([_a, _b]);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 1)));
        Assert.That(K.Function([_a, _b], [y]).Call(A, B)[0].ToArray(), Is.EqualTo(new float[] { 4 - 10 - 18 }));
    }

    [Test]
    public void Dot_Normalized_GivesCosine()
    {
        var values = Merge(new Dot(1, normalize: true));

        Assert.That(values[0], Is.EqualTo(-24 / (Math.Sqrt(14) * Math.Sqrt(77))).Within(1e-6));
    }

    [Test]
    public void Dot_Rank3_BatchMatMulShape()
    {
        var x = K.Placeholder([null, 2, 3], name: "x");
        var z = K.Placeholder([null, 4, 3], name: "z");

        var y = new Dot(2).Apply([x, z]);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 2, 4)));
    }

    [Test]
    public void Dot_Rank3AlongAxisOne_MatchesLoops()
    {
        var x = K.Placeholder([null, 2, 3], name: "x");
        var z = K.Placeholder([null, 2, 4], name: "z");
        var y = new Dot(1).Apply([x, z]);
        var xs = Enumerable.Range(0, 6).Select(i => (float)i).ToArray();
        var zs = Enumerable.Range(0, 8).Select(i => (float)(i % 3) - 1).ToArray();

        var values = K.Function([x, z], [y]).Call(Tensor.Create(xs, [1, 2, 3]), Tensor.Create(zs, [1, 2, 4]))[0].ToArray();

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 3, 4)));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                Assert.That(values[i * 4 + j], Is.EqualTo(xs[i] * zs[j] + xs[3 + i] * zs[4 + j]));
    }

    [Test]
    public void Dot_Rank4WithRank2_FoldsFreeAxes()
    {
        var x = K.Placeholder([null, 2, 3, 4], name: "x");
        var z = K.Placeholder([null, 4], name: "z");
        var y = new Dot([3, 1]).Apply([x, z]);
        var xs = Enumerable.Range(0, 24).Select(i => (float)i).ToArray();

        var values = K.Function([x, z], [y]).Call(Tensor.Create(xs, [1, 2, 3, 4]), Tensor.Create(new float[] { 1, 0, 0, 2 }, [1, 4]))[0].ToArray();

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 2, 3)));
        Assert.That(values, Is.EqualTo(Enumerable.Range(0, 6).Select(r => xs[r * 4] + 2 * xs[r * 4 + 3]).ToArray()));
    }

    [Test]
    public void Subtract_ThreeInputs_Throws() =>
        Assert.That(() => new Subtract().Apply([_a, _b, _a]), Throws.ArgumentException.With.Message.Contains("exactly 2 inputs"));

    [Test]
    public void Add_OneInput_Throws() =>
        Assert.That(() => new Add().Apply([_a]), Throws.ArgumentException.With.Message.Contains("at least 2 inputs"));

    [Test]
    public void Add_IncompatibleShapes_Throws() =>
        Assert.That(() => new Add().Apply([_a, K.Placeholder([null, 4], name: "c")]),
            Throws.ArgumentException.With.Message.StartsWith("Operands could not be broadcast together with shapes"));

    [Test]
    public void Concatenate_MismatchedShapes_Throws() =>
        Assert.That(() => new Concatenate(axis: 1).Apply([K.Placeholder([null, 2, 3], name: "p"), K.Placeholder([null, 2, 4], name: "q")]),
            Throws.ArgumentException.With.Message.Contains("requires inputs with matching shapes except for the concat axis"));

    [Test]
    public void Add_MaskedInputs_OutputMaskIsLogicalAnd()
    {
        var p = K.Placeholder([null, 3, 1], name: "p");
        var q = K.Placeholder([null, 3, 1], name: "q");
        var y = new Add().Apply([new Masking(0).Apply(p), new Masking(0).Apply(q)]);
        var f = K.Function([p, q], [KerasHistory.MaskOf(y)!]);

        var mask = f.Call(Tensor.Create(new float[] { 1, 0, 1 }, [1, 3, 1]), Tensor.Create(new float[] { 1, 1, 0 }, [1, 3, 1])).Get<bool>(0);

        Assert.That(mask.ToArray(), Is.EqualTo(new[] { true, false, false }));
    }

    [Test]
    public void Concatenate_OneMaskedInput_OtherCountsAsValid()
    {
        var p = K.Placeholder([null, 3, 1], name: "p");
        var q = K.Placeholder([null, 3, 2], name: "q");
        var y = new Concatenate().Apply([new Masking(0).Apply(p), q]);
        var f = K.Function([p, q], [KerasHistory.MaskOf(y)!]);

        var mask = f.Call(Tensor.Create(new float[] { 1, 0, 1 }, [1, 3, 1]), Tensor.Create(new float[6], [1, 3, 2])).Get<bool>(0);

        Assert.That(mask.ToArray(), Is.EqualTo(new[] { true, false, true }));
    }
}
