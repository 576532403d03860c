using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

public sealed class ElementwiseKernelTests : GraphTestBase
{
    private static TensorBuffer Eval(Node n) => K.Eval(n);

    [Test]
    public void Add_BroadcastRowAndColumn_MatchesNaive()
    {
        var a = G.Constant(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 3, 1, 4);
        var b = G.Constant(Enumerable.Range(0, 8).Select(i => i * 10f).ToArray(), 2, 4);

        var sum = Eval(G.Add(a, b));

        Assert.That(sum.Dims, Is.EqualTo(new[] { 3, 2, 4 }));
        var values = sum.Span<float>().ToArray();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                for (int k = 0; k < 4; k++)
                    Assert.That(values[(i * 2 + j) * 4 + k], Is.EqualTo(i * 4 + k + (j * 4 + k) * 10f));
    }

    [Test]
    public void Sub_ScalarMinusColumnBroadcast_MatchesNaive()
    {
        var a = G.Constant([1f, 2f, 3f], 3, 1);
        var b = G.Constant([10f, 20f], 1, 2);

        var values = Eval(G.Sub(b, a)).Span<float>().ToArray();

        Assert.That(values, Is.EqualTo(new[] { 9f, 19f, 8f, 18f, 7f, 17f }));
    }

    [Test]
    public void SumToShape_BroadcastGradient_SumsLeadingAndSizeOneAxes()
    {
        var g = G.Constant(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 3, 4);
        var target = G.Constant(new float[3], 3, 1);

        var reduced = Eval(G.SumToShape(g, target));

        Assert.That(reduced.Dims, Is.EqualTo(new[] { 3, 1 }));
        var expected = Enumerable.Range(0, 3).Select(j => (float)Enumerable.Range(0, 2).SelectMany(i => Enumerable.Range(0, 4).Select(k => (i * 3 + j) * 4 + k)).Sum()).ToArray();
        Assert.That(reduced.Span<float>().ToArray(), Is.EqualTo(expected));
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void MatMul_TransposeFlags_MatchNaive(bool ta, bool tb)
    {
        int m = 3, k = 5, n = 4;
        var aValues = Enumerable.Range(0, m * k).Select(i => MathF.Sin(i)).ToArray();
        var bValues = Enumerable.Range(0, k * n).Select(i => MathF.Cos(i)).ToArray();
        var a = G.Constant(aValues, ta ? [k, m] : [m, k]);
        var b = G.Constant(bValues, tb ? [n, k] : [k, n]);

        var c = Eval(G.MatMul(a, b, ta, tb)).Span<float>().ToArray();

        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double expected = 0;
                for (int p = 0; p < k; p++)
                    expected += (ta ? aValues[p * m + i] : aValues[i * k + p]) * (double)(tb ? bValues[j * k + p] : bValues[p * n + j]);
                Assert.That(c[i * n + j], Is.EqualTo(expected).Within(1e-5));
            }
    }

    [Test]
    public void Cast_FloatToIntAndBool_FollowsTf()
    {
        var x = G.Constant([-1.7f, 0f, 2.9f], 3);

        Assert.That(Eval(G.Cast(x, DType.Int32)).Span<int>().ToArray(), Is.EqualTo(new[] { -1, 0, 2 }));
        Assert.That(Eval(G.Cast(x, DType.Bool)).Span<bool>().ToArray(), Is.EqualTo(new[] { true, false, true }));
    }

    [Test]
    public void ConstantSubgraph_IsFoldedAtCompileTime()
    {
        var x = K.Placeholder([2], name: "x");
        var folded = G.Mul(G.Add(G.Constant([1f, 2f], 2), 1.0), 3.0);
        var f = K.Function([x], [G.Add(x, folded)]);

        Assert.That(f.PlanFor().StepOps.Select(o => o.Type), Is.EqualTo(new[] { "Add" }));
        Assert.That(f.Call(TensorBuffer.From<float>([1f, 1f], 2))[0].ToArray(), Is.EqualTo(new[] { 7f, 10f }));
    }

    [Test]
    public void EqualPureSubexpressions_AreMergedByCse()
    {
        var x = K.Placeholder([2], name: "x");
        var f = K.Function([x], [G.Add(K.Tanh(x), K.Tanh(x))]);

        Assert.That(f.PlanFor().StepOps.Select(o => o.Type), Is.EqualTo(new[] { "Tanh", "Add" }));
    }
}
