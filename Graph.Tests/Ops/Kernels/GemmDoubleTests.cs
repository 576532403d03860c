using Graph.Ops.Kernels;
using NUnit.Framework;

namespace Graph.Tests.Ops.Kernels;

[TestFixture]
public class GemmDoubleTests
{
    private static readonly int[] Sizes = [0, 1, 2, 5, 17, 33];

    private static IEnumerable<TestCaseData> Layouts()
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (double beta in new[] { 0d, 1d, -0.5d })
                    yield return new TestCaseData(ta, tb, beta);
    }

    [TestCaseSource(nameof(Layouts))]
    public void Multiply_AllShapes_MatchesNaiveWithinRounding(bool transA, bool transB, double beta)
    {
        var rng = new Random(31);
        var failures = new List<string>();
        foreach (int m in Sizes)
            foreach (int n in Sizes)
                foreach (int k in Sizes)
                    if (Check(rng, transA, transB, m, n, k, pad: 2, beta, bias: false, GemmActivation.None) is { } failure)
                        failures.Add(failure);
        Assert.That(failures, Is.Empty);
    }

    [TestCase(GemmActivation.None)]
    [TestCase(GemmActivation.Relu)]
    [TestCase(GemmActivation.Tanh)]
    [TestCase(GemmActivation.Sigmoid)]
    public void Multiply_BiasAndActivation_AppliesExactFunctions(GemmActivation activation)
    {
        var rng = new Random(32);
        var failures = new List<string>();
        foreach (int m in new[] { 1, 7, 130 })
            foreach (int n in new[] { 1, 9, 140 })
                if (Check(rng, m % 2 == 0, n % 2 == 0, m, n, 150, pad: 0, 0.5d, bias: true, activation) is { } failure)
                    failures.Add(failure);
        Assert.That(failures, Is.Empty);
    }

    private static string? Check(Random rng, bool transA, bool transB, int m, int n, int k, int pad, double beta, bool bias,
        GemmActivation activation)
    {
        int lda = Math.Max(1, (transA ? m : k) + pad), ldb = Math.Max(1, (transB ? k : n) + pad), ldc = Math.Max(1, n + pad);
        double[] a = Random(rng, (transA ? k : m) * lda), b = Random(rng, (transB ? n : k) * ldb), c = Random(rng, m * ldc);
        double[] biasValues = bias ? Random(rng, n) : [];
        double[] before = (double[])c.Clone();
        Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta, new GemmEpilogue<double>(biasValues, activation));
        for (int i = 0; i < m; i++)
            for (int j = 0; j < ldc; j++)
            {
                double expected = before[i * ldc + j];
                if (j < n)
                {
                    double sum = beta == 0 ? 0 : beta * before[i * ldc + j];
                    for (int p = 0; p < k; p++)
                        sum += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                    expected = GemmConformance.Activate(sum + (bias ? biasValues[j] : 0), activation);
                }
                if (!(Math.Abs(c[i * ldc + j] - expected) <= 1e-12 * (1 + k)))
                    return $"tA={transA} tB={transB} m={m} n={n} k={k} beta={beta}: C[{i},{j}] = {c[i * ldc + j]}, expected {expected}";
            }
        return null;
    }

    private static double[] Random(Random rng, int length) =>
        Enumerable.Range(0, length).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
}
