using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using Graph.Runtime.Execution;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>Acceptance 4 of the foundation: bad feeds fail before anything runs, and change nothing.</summary>
public sealed class FeedValidationTests : GraphTestBase
{
    private Node _x = null!, _ids = null!, _v = null!;
    private Graph.Runtime.Function _f = null!;

    [SetUp]
    public void Build()
    {
        _x = K.Placeholder([null, 3], name: "x");
        _ids = K.Placeholder([null], DType.Int32, name: "ids");
        _v = K.Variable(TensorBuffer.From<float>([1f, 2f, 3f], 3), name: "v");
        // v := v + sum over the batch of dropout(x): an update that would show if a bad call half-ran.
        var total = G.SumToShape(K.Dropout(_x, 0.5), _v);
        var update = K.Update(_v, G.Add(_v, total));
        _f = K.Function([_x, _ids, K.LearningPhase()], [total, G.Cast(_ids, DType.Float32)], [update]);
    }

    private float[] V() => K.GetValue(_v).Span<float>().ToArray();

    private void AssertRejected(Action call, params string[] fragments)
    {
        var before = V();
        Exception? caught = null;
        try { call(); }
        catch (Exception e) { caught = e; }
        Assert.That(caught, Is.InstanceOf<ArgumentException>().Or.InstanceOf<InvalidOperationException>());
        foreach (var fragment in fragments) Assert.That(caught!.Message, Does.Contain(fragment));
        Assert.That(V(), Is.EqualTo(before), "the variable must be unchanged");
    }

    [Test]
    public void Call_ValidFeeds_CommitsUpdate()
    {
        _f.Call(Ones(2, 3), Tensor.Create(new[] { 1, 2 }, [2]), 0);

        Assert.That(V(), Is.EqualTo(new[] { 3f, 4f, 5f }));
    }

    [TestCase(2)]
    [TestCase(-1)]
    public void Call_PhaseNotZeroOrOne_ThrowsNamingPhase(int phase) =>
        AssertRejected(() => _ = _f.Call(Ones(2, 3), Tensor.Create(new[] { 1, 2 }, [2]), phase), "keras_learning_phase", "0 or 1", phase.ToString());

    [Test]
    public void Call_PhaseHalf_ThrowsNamingPhase() =>
        AssertRejected(() => _ = _f.Call(Ones(2, 3), Tensor.Create(new[] { 1, 2 }, [2]), 0.5), "keras_learning_phase", "0.5");

    [Test]
    public void Call_FloatIntoInt32Placeholder_ThrowsNamingBothDtypes() =>
        AssertRejected(() => _ = _f.Call(Ones(2, 3), Tensor.Create(new[] { 1f, 2f }, [2]), 0), "'ids'", "float32", "int32");

    [Test]
    public void Call_WrongRank_ThrowsNamingBothShapes() =>
        AssertRejected(() => _ = _f.Call(Tensor.Create(new float[3], [3]), Tensor.Create(new[] { 1, 2 }, [2]), 0), "'x'", "(3,)", "(?, 3)");

    [Test]
    public void Call_WrongKnownDimension_ThrowsNamingBothShapes() =>
        AssertRejected(() => _ = _f.Call(Ones(2, 4), Tensor.Create(new[] { 1, 2 }, [2]), 0), "'x'", "(2, 4)", "(?, 3)");

    [Test]
    public void Call_RequiredPlaceholderOmitted_ThrowsNamingIt() =>
        AssertRejected(() => _ = _f.Call(Ones(2, 3)), "'ids'", "int32", "(?,)");

    [Test]
    public void Call_DoubleIntoFloatPlaceholder_Converts()
    {
        var doubles = Tensor.Create(new[] { 0.5, 0.25, 2.0, 1.0, 1.0, 1.0 }, [2, 3]);

        var result = _f.Call(doubles, Tensor.Create(new long[] { 7, 8 }, [2]), 0);

        Assert.That(result[0].ToArray(), Is.EqualTo(new[] { 1.5f, 1.25f, 3f }));
        Assert.That(result[1].ToArray(), Is.EqualTo(new[] { 7f, 8f }));
    }

    [Test]
    public void Call_RuntimeShapeMismatchInKernel_ThrowsNamingNodeAndChangesNothing()
    {
        var a = K.Placeholder([null, null], name: "a");
        var product = K.Dot(a, a);
        var update = K.Update(_v, G.Add(_v, G.SumToShape(G.Mul(G.SumToShape(product, _v), 0.0), _v)));
        var g = K.Function([a], [product], [update]);

        var e = Assert.Throws<ExecutionException>(() => g.Call(Ones(2, 3)))!;

        Assert.That(e.Message, Does.Contain("MatMul").And.Contain("(2, 3)"));
        Assert.That(V(), Is.EqualTo(new[] { 1f, 2f, 3f }));
    }

    [Test]
    public void SetValue_WrongShape_ThrowsAndKeepsValue() =>
        AssertRejected(() => K.SetValue(_v, Tensor.Create(new[] { 1f, 2f }, [2])), "'v'", "(2,)", "(3,)");

    [Test]
    public void Call_TooManyValues_Throws() =>
        AssertRejected(() => _ = _f.Call(Ones(2, 3), Tensor.Create(new[] { 1, 2 }, [2]), 0, 1), "3 inputs", "4 values");
}
