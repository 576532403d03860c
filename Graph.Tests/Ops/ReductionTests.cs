using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>Axis handling, errors, edge values and the composed reductions (logsumexp, var, std, norm).</summary>
public sealed class ReductionTests : GraphTestBase
{
    private static readonly double[] Grid = [0.5, -1.25, 2, 3.5, -0.75, 1, 0.25, -2, 1.5, 4, -3, 0.125];

    private static ValueArray<int>? AxesOf(int[]? axes) => axes is null ? default(ValueArray<int>?) : new ValueArray<int>(axes);

    private static TensorBuffer GridValues(params int[] dims) => TensorBuffer.From<double>(Grid.AsSpan(0, dims.Aggregate(1, (p, d) => p * d)), dims);

    [Test]
    public void Sum_AxisOutOfRange_FailsAtBuildNamingOpAxisAndShape()
    {
        var x = K.Placeholder([2, 3], name: "x");

        var e = Assert.Throws<GraphException>(() => G.Sum(x, [2]))!;

        Assert.That(e.Message, Does.Contain("Sum").And.Contain("axis 2").And.Contain("input 0").And.Contain("(2, 3)"));
    }

    [Test]
    public void Mean_RepeatedAxis_FailsAtBuild()
    {
        var x = K.Placeholder([2, 3], name: "x");

        var e = Assert.Throws<GraphException>(() => G.Mean(x, [1, -1]))!;

        Assert.That(e.Message, Does.Contain("Mean").And.Contain("appears twice").And.Contain("(2, 3)"));
    }

    [Test]
    public void Any_FloatInput_FailsAtBuild()
    {
        var x = K.Placeholder([2, 3], name: "x");

        Assert.That(() => G.Any(x), Throws.TypeOf<GraphException>().With.Message.Contain("Any").And.Message.Contain("float32 (2, 3)"));
    }

    [Test]
    public void ArgMax_EmptyAxis_FailsAtBuild()
    {
        var x = K.Placeholder([2, 0], name: "x");

        Assert.That(() => G.ArgMax(x), Throws.TypeOf<GraphException>().With.Message.Contain("ArgMax").And.Message.Contain("empty"));
    }

    [Test]
    public void ReducedShapes_UnknownBatch_KeepUnknownDims()
    {
        var x = K.Placeholder([null, 3, 4], name: "x");

        Assert.That(G.Sum(x, [1]).Shape, Is.EqualTo(new Shape(null, 4)));
        Assert.That(G.Max(x, [-1], keepDims: true).Shape, Is.EqualTo(new Shape(null, 3, 1)));
        Assert.That(G.Mean(x).Shape, Is.EqualTo(Shape.Scalar));
        Assert.That(G.ArgMax(x, 1).Shape, Is.EqualTo(new Shape(null, 4)));
        Assert.That(G.ArgMax(x, 1).DType, Is.EqualTo(DType.Int64));
    }

    [Test]
    public void ArgMaxArgMin_Ties_GiveFirstIndex()
    {
        var x = G.Constant([1f, 3f, 3f, 0f, 0f, 2f], 2, 3);

        Assert.That(K.Eval(G.ArgMax(x)).Span<long>().ToArray(), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(K.Eval(G.ArgMin(x)).Span<long>().ToArray(), Is.EqualTo(new long[] { 0, 0 }));
        Assert.That(K.Eval(G.ArgMax(x, 0)).Span<long>().ToArray(), Is.EqualTo(new long[] { 0, 0, 0 }));
    }

    [Test]
    public void Mean_EmptyFloatIsNaN_IntegerTruncates()
    {
        var empty = G.Constant(new float[0], 0, 3);
        var ints = G.Constant(TensorBuffer.From<int>([1, 2, 3, 6, -1, -2], 3, 2));

        Assert.That(K.Eval(G.Mean(empty, [0])).Span<float>().ToArray(), Is.All.NaN);
        Assert.That(K.Eval(G.Mean(ints, [1])).Span<int>().ToArray(), Is.EqualTo(new[] { 1, 4, -1 }));
    }

    [Test]
    public void Mean_GradientWithUnknownBatch_DividesByRuntimeCount()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var grad = Autodiff.Gradients(G.Mean(x), [x])[0]!;
        var f = K.Function([x], [grad]);

        var g = f.Call(TensorBuffer.From<float>(new float[8], 4, 2)).Buffer(0).Span<float>().ToArray();

        Assert.That(g, Is.All.EqualTo(1f / 8));
    }

    [Test]
    public void MaxMin_Gradient_SplitsTiesEvenlyAsTf()
    {
        var x = G.Constant([1f, 3f, 3f, 0f], 4);

        Assert.That(K.Eval(Autodiff.Gradients(G.Max(x), [x])[0]!).Span<float>().ToArray(), Is.EqualTo(new[] { 0f, 0.5f, 0.5f, 0f }));
        Assert.That(K.Eval(Autodiff.Gradients(G.Min(x), [x])[0]!).Span<float>().ToArray(), Is.EqualTo(new[] { 0f, 0f, 0f, 1f }));
    }

    [TestCase(null, false)]
    [TestCase(new[] { 1 }, false)]
    [TestCase(new[] { 0, 2 }, true)]
    public void LogSumExp_MatchesNaiveAndGradientIsSoftmax(int[]? axes, bool keepDims)
    {
        var x = GridValues(2, 3, 2);

        var y = GradientCheck.Eval(n => G.LogSumExp(n[0], axes, keepDims), x);
        var expected = Catalog.Reference.Reduce(new Graph.Ops.Reductions.SumOp(AxesOf(axes), keepDims), Catalog.RefValue.From(x), v => Math.Log(v.Sum(Math.Exp)));

        Assert.That(y, Is.EqualTo(expected.Data).Within(1e-12));
        GradientCheck.Verify(n => G.LogSumExp(n[0], axes, keepDims), x);
    }

    [Test]
    public void LogSumExp_ExtremeValues_StayFinite()
    {
        var x = G.Constant([1000f, 1000f, -1000f, -1000f, float.NegativeInfinity, float.NegativeInfinity], 3, 2);

        var y = K.Eval(G.LogSumExp(x, [1])).Span<float>().ToArray();

        Assert.That(y[0], Is.EqualTo(1000 + Math.Log(2)).Within(1e-3));
        Assert.That(y[1], Is.EqualTo(-1000 + Math.Log(2)).Within(1e-3));
        Assert.That(y[2], Is.EqualTo(float.NegativeInfinity));
    }

    [TestCase(null, false)]
    [TestCase(new[] { -1 }, false)]
    [TestCase(new[] { 0 }, true)]
    public void VarStd_AreBiasedAsKeras(int[]? axes, bool keepDims)
    {
        var x = GridValues(3, 4);
        var refX = Catalog.RefValue.From(x);
        var op = new Graph.Ops.Reductions.MeanOp(AxesOf(axes), keepDims);
        var variance = Catalog.Reference.Reduce(op, refX, v => v.Sum(e => (e - v.Average()) * (e - v.Average())) / v.Count);

        Assert.That(GradientCheck.Eval(n => G.Var(n[0], axes, keepDims), x), Is.EqualTo(variance.Data).Within(1e-12));
        Assert.That(GradientCheck.Eval(n => G.Std(n[0], axes, keepDims), x), Is.EqualTo(variance.Data.Select(Math.Sqrt)).Within(1e-12));
        GradientCheck.Verify(n => G.Var(n[0], axes, keepDims), x);
        GradientCheck.Verify(n => G.Std(n[0], axes, keepDims), x);
    }

    [Test]
    public void Norm_IsL2OverAxes()
    {
        var x = GridValues(3, 4);

        var norms = GradientCheck.Eval(n => G.Norm(n[0], [1]), x);

        for (int r = 0; r < 3; r++)
            Assert.That(norms[r], Is.EqualTo(Math.Sqrt(Grid.Skip(4 * r).Take(4).Sum(v => v * v))).Within(1e-12));
        Assert.That(GradientCheck.Eval(n => G.Norm(n[0]), x)[0], Is.EqualTo(Math.Sqrt(Grid.Sum(v => v * v))).Within(1e-12));
        GradientCheck.Verify(n => G.Norm(n[0], [1], keepDims: true), x);
    }

    [Test]
    public void Reductions_SecondDerivative_MatchesFiniteDifferences()
    {
        var x = GridValues(3, 4);

        GradientCheck.Verify(n => Autodiff.Gradients(G.Add(G.LogSumExp(n[0], [1]), G.Mean(G.Square(G.Max(n[0], [0])))), [n[0]])[0]!, x);
    }

    [TestCase(null)]
    [TestCase(new[] { 0 })]
    [TestCase(new[] { 1 })]
    [TestCase(new[] { -1 })]
    [TestCase(new[] { 0, 2 })]
    [TestCase(new[] { 1, 2 })]
    public void Reductions_LargeOddShape_MatchNaiveOnVectorizedPaths(int[]? axes)
    {
        var x = GradientCheck.Values(21, 0.5, 1.5, 5, 37, 19);
        var refX = Catalog.RefValue.From(x);

        foreach (var (build, op, f) in new (Func<Node, Node>, Graph.Ops.Reductions.ReductionOp, Func<List<double>, double>)[]
        {
            (n => G.Sum(n, axes), new Graph.Ops.Reductions.SumOp(AxesOf(axes)), v => v.Sum()),
            (n => G.Mean(n, axes, keepDims: true), new Graph.Ops.Reductions.MeanOp(AxesOf(axes), true), v => v.Average()),
            (n => G.Max(n, axes), new Graph.Ops.Reductions.MaxOp(AxesOf(axes)), v => v.Max()),
            (n => G.Min(n, axes), new Graph.Ops.Reductions.MinOp(AxesOf(axes)), v => v.Min()),
            (n => G.Prod(n, axes), new Graph.Ops.Reductions.ProdOp(AxesOf(axes)), v => v.Aggregate(1.0, (p, e) => p * e)),
        })
        {
            var expected = Catalog.Reference.Reduce(op, refX, f).Data;
            var actual = GradientCheck.Eval(n => build(n[0]), x);
            Assert.That(actual, Is.EqualTo(expected).Within(1e-9).Percent, op.Type);
        }
    }

    [Test]
    public void AnyAll_LargeOddShape_MatchNaive()
    {
        var random = new System.Random(5);
        var values = Enumerable.Range(0, 3 * 41 * 17).Select(_ => random.NextDouble() < 0.97).ToArray();
        var x = G.Constant(TensorBuffer.From<bool>(values, 3, 41, 17));

        var any = K.Eval(G.Any(G.LogicalNot(x), [1])).Span<bool>().ToArray();
        var all = K.Eval(G.All(x, [0, 2])).Span<bool>().ToArray();

        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 17; k++)
                Assert.That(any[i * 17 + k], Is.EqualTo(Enumerable.Range(0, 41).Any(j => !values[(i * 41 + j) * 17 + k])));
        for (int j = 0; j < 41; j++)
            Assert.That(all[j], Is.EqualTo(Enumerable.Range(0, 3).All(i => Enumerable.Range(0, 17).All(k => values[(i * 41 + j) * 17 + k]))));
    }
}
