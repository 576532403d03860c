using Graph.Core;
using Graph.Ops;
using Graph.Ops.Random;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>
/// Property tests of the random ops: moments and bounds on 2·10⁵ draws, reproducibility given seeds, fresh draws per
/// run, pinned run counters, element indexing, and build-time argument checks.
/// </summary>
public sealed class RandomOpTests : GraphTestBase
{
    private const int Draws = 200_000;

    private static double[] Run(Node node, RunOptions? options = null) =>
        K.Function([], [node]).Call(options).Buffer(0) is var b && b.DType == DType.Float32
            ? b.Span<float>().ToArray().Select(v => (double)v).ToArray()
            : b.Span<double>().ToArray();

    private static (double Mean, double Variance) Moments(double[] v)
    {
        double mean = v.Average();
        return (mean, v.Average(x => (x - mean) * (x - mean)));
    }

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void RandomNormal_ManyDraws_HasMeanVarianceAndTailOfNormal(DType dtype)
    {
        var values = Run(G.RandomNormal(Shape.Of(Draws), mean: 0.5, stddev: 2, seed: 11, dtype: dtype));

        var (mean, variance) = Moments(values);
        double beyondTwoSigma = values.Count(v => Math.Abs(v - 0.5) > 4) / (double)Draws;
        // Standard errors: mean 2/√n ≈ 0.0045, variance 4·√(2/n) ≈ 0.013, tail √(0.0455·0.9545/n) ≈ 0.0005.
        Assert.That(mean, Is.EqualTo(0.5).Within(0.02));
        Assert.That(variance, Is.EqualTo(4).Within(0.06));
        Assert.That(beyondTwoSigma, Is.EqualTo(0.0455).Within(0.0025));
    }

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void TruncatedNormal_ManyDraws_WithinTwoSigmaWithTruncatedMoments(DType dtype)
    {
        var values = Run(G.TruncatedNormal(Shape.Of(Draws), mean: -1, stddev: 0.5, seed: 12, dtype: dtype));

        var (mean, variance) = Moments(values);
        Assert.That(values, Has.All.InRange(-2.0, 0.0));
        Assert.That(mean, Is.EqualTo(-1).Within(0.005));
        // Var of N(0,1) truncated to ±2: 1 − 2·2φ(2)/(Φ(2) − Φ(−2)) = 0.77374.
        Assert.That(variance, Is.EqualTo(0.77374 * 0.25).Within(0.004));
        Assert.That(values.Count(v => Math.Abs(v + 1) > 0.9) / (double)Draws, Is.GreaterThan(0.01), "the draws reach near the bounds");
    }

    [TestCase(DType.Float32, 0.3)]
    [TestCase(DType.Float64, 0.85)]
    public void Bernoulli_ManyDraws_ZeroOrOneWithMeanP(DType dtype, double p)
    {
        var values = Run(G.Bernoulli(Shape.Of(Draws), p, seed: 13, dtype: dtype));

        Assert.That(values, Has.All.Matches<double>(v => v == 0 || v == 1));
        Assert.That(values.Average(), Is.EqualTo(p).Within(0.005));
    }

    [Test]
    public void Bernoulli_ProbabilityZeroAndOne_AreConstant()
    {
        var x = G.Placeholder(Shape.Of(1000));
        var f = K.Function([x], [G.BernoulliLike(x, 0), G.BernoulliLike(x, 1)]);

        var result = f.Call(TensorBuffer.Zeros(DType.Float32, 1000));

        Assert.That(result[0].ToArray(), Has.All.EqualTo(0f));
        Assert.That(result[1].ToArray(), Has.All.EqualTo(1f));
    }

    [Test]
    public void RandomOps_SameSeedsInTwoGraphs_SameDraws()
    {
        double[][] Draw()
        {
            var g = new ComputationGraph(seed: 77);
            using var _ = g.AsDefault();
            var x = G.Placeholder(new Shape(null, 40), DType.Float64);
            var nodes = new[] { G.RandomNormalLike(x, seed: 1), G.TruncatedNormalLike(x, 2, 3, seed: 2), G.BernoulliLike(x, 0.5, seed: 3), G.RandomNormal(Shape.Of(9), dtype: DType.Float64) };
            var result = K.Function([x], nodes).Call(TensorBuffer.Zeros(DType.Float64, 3, 40));
            return Enumerable.Range(0, nodes.Length).Select(i => result.Buffer(i).Span<double>().ToArray()).ToArray();
        }

        var (first, second) = (Draw(), Draw());

        for (int i = 0; i < first.Length; i++) Assert.That(second[i], Is.EqualTo(first[i]), $"output {i}");
    }

    [Test]
    public void RandomNormal_DifferentGraphSeeds_DifferentDraws()
    {
        double[] Draw(int graphSeed)
        {
            using var _ = new ComputationGraph(seed: graphSeed).AsDefault();
            return Run(G.RandomNormal(Shape.Of(50), seed: 1));
        }

        Assert.That(Draw(1), Is.Not.EqualTo(Draw(2)));
    }

    [Test]
    public void RandomOps_TwoRuns_DrawFresh()
    {
        var nodes = new[] { G.RandomNormal(Shape.Of(64)), G.TruncatedNormal(Shape.Of(64)), G.Bernoulli(Shape.Of(64), 0.5), G.RandomUniform(Shape.Of(64)) };
        var f = K.Function([], nodes);

        var (first, second) = (f.Call(), f.Call());

        for (int i = 0; i < nodes.Length; i++)
            Assert.That(second[i].ToArray(), Is.Not.EqualTo(first[i].ToArray()), $"output {i}");
    }

    [Test]
    public void RandomOps_PinnedRunCounter_ReproducesDraws()
    {
        var nodes = new[] { G.RandomNormal(Shape.Of(32)), G.TruncatedNormal(Shape.Of(32)), G.Bernoulli(Shape.Of(32), 0.5) };
        var f = K.Function([], nodes);

        var pinned = f.Call(new RunOptions(PinnedRunCounter: 7));
        f.Call();
        var again = f.Call(new RunOptions(PinnedRunCounter: 7));
        var other = f.Call(new RunOptions(PinnedRunCounter: 8));

        for (int i = 0; i < nodes.Length; i++)
        {
            Assert.That(again[i].ToArray(), Is.EqualTo(pinned[i].ToArray()), $"output {i}");
            Assert.That(other[i].ToArray(), Is.Not.EqualTo(pinned[i].ToArray()), $"output {i}");
        }
    }

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void Samplers_OffsetStart_MatchSliceOfFullDraw(DType dtype)
    {
        // Element-indexed: any split of the output (threads, chunks) draws the same values.
        if (dtype == DType.Float32)
        {
            var (full, tail, truncFull, truncTail) = (new float[41], new float[34], new float[41], new float[34]);
            NormalSampler.FillNormal(full, key: 5, stream: 3, 0, 1);
            NormalSampler.FillNormal(tail, key: 5, stream: 3, 0, 1, startElement: 7);
            NormalSampler.FillTruncated<float>(truncFull, key: 5, stream: 3, 0, 1);
            NormalSampler.FillTruncated<float>(truncTail, key: 5, stream: 3, 0, 1, startElement: 7);
            Assert.That(tail, Is.EqualTo(full[7..]));
            Assert.That(truncTail, Is.EqualTo(truncFull[7..]));
        }
        else
        {
            var (full, tail, truncFull, truncTail) = (new double[41], new double[34], new double[41], new double[34]);
            NormalSampler.FillNormal(full, key: 5, stream: 3, 0, 1);
            NormalSampler.FillNormal(tail, key: 5, stream: 3, 0, 1, startElement: 7);
            NormalSampler.FillTruncated<double>(truncFull, key: 5, stream: 3, 0, 1);
            NormalSampler.FillTruncated<double>(truncTail, key: 5, stream: 3, 0, 1, startElement: 7);
            Assert.That(tail, Is.EqualTo(full[7..]));
            Assert.That(truncTail, Is.EqualTo(truncFull[7..]));
        }
    }

    [Test]
    public void RandomNormal_SmallAndLargeShapeSameKey_ShareLeadingDraws()
    {
        double[] Draw(int n)
        {
            using var _ = new ComputationGraph(seed: 5).AsDefault();
            return Run(G.TruncatedNormal(Shape.Of(n), seed: 9));
        }

        Assert.That(Draw(10), Is.EqualTo(Draw(1000)[..10]));
    }

    [Test]
    public void BernoulliLike_NoiseShape_SharesDrawAlongSizeOneAxis()
    {
        var x = G.Placeholder(new Shape(null, 6));
        var mask = G.BernoulliLike(x, 0.5, noiseShape: [null, 1]);
        var y = G.Mul(x, mask);

        var result = K.Function([x], [y]).Call(Tensor2D(50, 6, _ => 1f))[0].ToArray();

        Assert.That(mask.Shape, Is.EqualTo(new Shape(null, 1)));
        for (int row = 0; row < 50; row++)
            Assert.That(result.Skip(row * 6).Take(6).Distinct().Count(), Is.EqualTo(1), $"row {row}");
        Assert.That(result.Distinct().Count(), Is.EqualTo(2), "some rows kept, some dropped");
    }

    [Test]
    public void FixedShapeRandomOp_HasNoInputs()
    {
        var node = G.RandomUniform(Shape.Of(3, 4), -1, 1);

        Assert.That(node.Inputs, Is.Empty);
        Assert.That(node.Shape, Is.EqualTo(Shape.Of(3, 4)));
        Assert.That(Run(node), Has.All.InRange(-1.0, 1.0));
    }

    [Test]
    public void RandomNormal_UnknownFixedShape_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => G.RandomNormal(new Shape(null, 3)));

        Assert.That(e!.Message, Does.Contain("fully known").And.Contain("(?, 3)"));
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Bernoulli_ProbabilityOutsideUnitInterval_Throws(double p)
    {
        var x = G.Placeholder(Shape.Of(3));

        var e = Assert.Throws<ArgumentException>(() => G.BernoulliLike(x, p));

        Assert.That(e!.Message, Does.Contain("Bernoulli").And.Contain("[0, 1]"));
    }

    [Test]
    public void RandomNormalLike_IntegerDtype_ThrowsNamingDtype()
    {
        var x = G.Placeholder(Shape.Of(3));

        var e = Assert.Throws<GraphException>(() => G.RandomNormalLike(x, dtype: DType.Int32));

        Assert.That(e!.Message, Does.Contain("RandomNormal").And.Contain("int32"));
    }
}
