using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

public sealed class BackendUtilityTests : GraphTestBase
{
    [Test]
    public void IntShape_UnknownBatch_NullFirst()
    {
        var x = K.Placeholder([null, 3, 4]);

        Assert.That(K.IntShape(x), Is.EqualTo(new int?[] { null, 3, 4 }));
    }

    [Test]
    public void Epsilon_DefaultSetAndPerGraph()
    {
        Assert.That(K.Epsilon(), Is.EqualTo(1e-7));
        K.SetEpsilon(1e-4);
        Assert.That(K.Epsilon(), Is.EqualTo(1e-4));
        using (new ComputationGraph().AsDefault()) Assert.That(K.Epsilon(), Is.EqualTo(1e-7));
        Assert.That(() => K.SetEpsilon(double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void BatchGetValue_Variables_CopiesInOrder()
    {
        var a = K.Variable(TensorBuffer.From<float>([1f, 2f], 2));
        var b = K.Variable(TensorBuffer.From<double>([3.0], 1));

        var values = K.BatchGetValue([b, a]);

        Assert.That(values[0].Span<double>().ToArray(), Is.EqualTo(new[] { 3.0 }));
        Assert.That(values[1].Span<float>().ToArray(), Is.EqualTo(new[] { 1f, 2f }));
        values[1].Span<float>()[0] = 9;
        Assert.That(K.GetValue(a).Span<float>()[0], Is.EqualTo(1f), "a copy");
    }

    [Test]
    public void Gradients_LossOfVariables_ValuesAndNullForUnused()
    {
        var w = K.Variable(TensorBuffer.From<float>([1f, 2f, 3f], 1, 3));
        var unused = K.Variable(TensorBuffer.From<float>([0f], 1));
        var loss = G.MatMul(w, w, transposeB: true);

        var grads = K.Gradients(loss, [w, unused]);

        Assert.That(grads[1], Is.Null);
        Assert.That(K.Eval(grads[0]!).Span<float>().ToArray(), Is.EqualTo(new[] { 2f, 4f, 6f }));
    }

    [Test]
    public void Shape_FedBatchesOfTwoSizes_ReturnsTheDynamicShape()
    {
        var x = K.Placeholder([null, 4], name: "x");
        var f = K.Function([x], [K.Shape(x)]);

        Assert.That(f.Call(Ones(3, 4)).Get<int>(0).ToArray(), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(f.Call(Ones(7, 4)).Get<int>(0).ToArray(), Is.EqualTo(new[] { 7, 4 }));
        Assert.That(K.Shape(x).Shape, Is.EqualTo(global::Graph.Core.Shape.Of(2)));
    }
}
