using NUnit.Framework;
using Graph.Ops.Kernels;
using static Graph.Tests.Ops.Kernels.GemmConformance;

namespace Graph.Tests.Ops.Kernels;

[TestFixture]
public class GemmTests
{
    private static readonly (bool A, bool B)[] Transposes = [(false, false), (true, false), (false, true), (true, true)];

    [TestCaseSource(nameof(Transposes))]
    public void Multiply_SmallShapesAndTails_MatchesNaive((bool A, bool B) t)
    {
        Assert.That(Run(Shapes(SmallSizes, t.A, t.B), seed: 11), Is.Empty);
    }

    [TestCaseSource(nameof(Transposes))]
    public void Multiply_LargeShapesThreadedAndBlocked_MatchesNaive((bool A, bool B) t)
    {
        Assert.That(Run(Shapes(LargeSizes, t.A, t.B), seed: 12), Is.Empty);
    }

    [TestCaseSource(nameof(Transposes))]
    public void Multiply_PaddedLeadingDimensionsBetaOne_AccumulatesAndKeepsPadding((bool A, bool B) t)
    {
        int[] sizes = [1, 5, 16, 17, 33];
        Assert.That(Run(Shapes(sizes, t.A, t.B, pad: 3, beta: 1f), seed: 13), Is.Empty);
    }

    [TestCaseSource(nameof(Transposes))]
    public void Multiply_GeneralBetaWithPadding_ScalesC((bool A, bool B) t)
    {
        int[] sizes = [0, 2, 7, 31, 129];
        Assert.That(Run(Shapes(sizes, t.A, t.B, pad: 5, beta: 0.5f), seed: 14), Is.Empty);
    }

    [TestCase(GemmActivation.None)]
    [TestCase(GemmActivation.Relu)]
    [TestCase(GemmActivation.Tanh)]
    [TestCase(GemmActivation.Sigmoid)]
    public void Multiply_BiasAndActivationEpilogue_MatchesExact(GemmActivation activation)
    {
        int[] sizes = [1, 6, 17, 129];
        var cases = Transposes.SelectMany(t => Shapes(sizes, t.A, t.B, pad: 1, beta: 0f, bias: true, activation))
            .Concat(Shapes([0, 7, 100], false, true, beta: 1f, bias: true, activation: activation))
            .Concat(Shapes([3, 65], true, false, activation: activation));
        Assert.That(Run(cases, seed: 15), Is.Empty);
    }

    [Test]
    public void Multiply_KnownTwoByTwo_ExactValues()
    {
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], c = new float[4];
        Gemm.Multiply(false, false, 2, 2, 2, a, 2, b, 2, c, 2);
        Assert.That(c, Is.EqualTo(new float[] { 19, 22, 43, 50 }));
    }

    [Test]
    public void Multiply_KZero_ScalesCAndAppliesEpilogue()
    {
        float[] c = [1, -2, 3, -4];
        Gemm.Multiply(false, false, 2, 2, 0, [], 1, [], 2, c, 2, beta: 2f,
            new GemmEpilogue<float>([1f, 1f], GemmActivation.Relu));
        Assert.That(c, Is.EqualTo(new float[] { 3, 0, 7, 0 }));
    }

    [Test]
    public void Multiply_LargeSquareRepeated_IsDeterministicAndCorrect()
    {
        // 384³ runs threaded with several chunks per thread; repeated calls exercise the pool's generations.
        const int n = 384;
        var rng = new Random(16);
        float[] a = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        float[] b = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        float[] first = new float[n * n], again = new float[n * n];
        Gemm.Multiply(false, true, n, n, n, a, n, b, n, first, n);
        for (int rep = 0; rep < 20; rep++)
            Gemm.Multiply(false, true, n, n, n, a, n, b, n, again, n);
        Assert.That(again, Is.EqualTo(first));
        double expected = 0;
        for (int p = 0; p < n; p++) expected += (double)a[5 * n + p] * b[77 * n + p];
        Assert.That(first[5 * n + 77], Is.EqualTo(expected).Within(1e-4));
    }

    [Test]
    public void Multiply_ConcurrentCallers_EachGetsItsOwnResult()
    {
        const int n = 200;
        var rng = new Random(17);
        float[] a = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray();
        float[] identity = new float[n * n];
        for (int i = 0; i < n; i++) identity[i * n + i] = 1f;
        var results = new float[4][];
        Parallel.For(0, 4, t =>
        {
            var c = new float[n * n];
            for (int rep = 0; rep < 10; rep++)
                Gemm.Multiply(false, false, n, n, n, a, n, identity, n, c, n);
            results[t] = c;
        });
        Assert.That(results, Has.All.EqualTo(a));
    }

    [Test]
    public void Multiply_LeadingDimensionTooSmall_Throws()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        Assert.That(() => Gemm.Multiply(false, false, 2, 2, 3, a, 2, b, 2, c, 2),
            Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Multiply_SpanTooShort_Throws()
    {
        float[] a = new float[5], b = new float[6], c = new float[4];
        Assert.That(() => Gemm.Multiply(false, false, 2, 2, 3, a, 3, b, 2, c, 2), Throws.ArgumentException);
    }

    [Test]
    public void Multiply_BiasOfWrongLength_Throws()
    {
        float[] a = new float[4], b = new float[4], c = new float[4], bias = new float[3];
        Assert.That(() => Gemm.Multiply(false, false, 2, 2, 2, a, 2, b, 2, c, 2, 0f, new GemmEpilogue<float>(bias)),
            Throws.ArgumentException);
    }

    [TestCase(2048, 2048, 2048, 2)]
    [TestCase(128, 512, 784, 2)]
    [TestCase(64, 512, 128, 2)]
    [TestCase(1000, 10, 512, 2)]
    [TestCase(300, 300, 300, 8)]
    public void ChooseGrid_TypicalShapes_TileMultiplesAndEnoughChunks(int m, int n, int k, int threads)
    {
        GemmThreadPool.ChooseGrid(m, n, k, threads, nr: 64, out int rowStep, out int colStep);
        int chunks = (m + rowStep - 1) / rowStep * ((n + colStep - 1) / colStep);
        Assert.That(rowStep % 6, Is.EqualTo(0));
        Assert.That(colStep % 64, Is.EqualTo(0));
        Assert.That(chunks, Is.GreaterThanOrEqualTo(threads));
    }
}

