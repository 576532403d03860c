using Graph.Ops.Kernels;

namespace Graph.Tests.Ops.Kernels;

/// <summary>
/// The GEMM checks shared by the NUnit tests and the KernelCheck console (which reruns them with AVX2 disabled):
/// each case runs <see cref="Gemm.Multiply(bool, bool, int, int, int, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, float, GemmEpilogue{float})"/>
/// and compares with a naive triple loop accumulating in double, and returns a message per mismatch.
/// </summary>
public static class GemmConformance
{
    /// <summary>Sizes that hit empty, single, register-tile tails (6, 16) and block tails.</summary>
    public static readonly int[] SmallSizes = [0, 1, 2, 5, 6, 7, 15, 16, 17, 31, 33, 64];

    /// <summary>Sizes past the cache blocks and the threading threshold, mixed with thin ones.</summary>
    public static readonly int[] LargeSizes = [1, 17, 100, 129, 257];

    /// <summary>One GEMM configuration.</summary>
    public readonly record struct Case(bool TransA, bool TransB, int M, int N, int K, int Pad = 0, float Beta = 0f,
        bool Bias = false, GemmActivation Activation = GemmActivation.None)
    {
        /// <inheritdoc/>
        public override string ToString() =>
            $"tA={TransA} tB={TransB} m={M} n={N} k={K} pad={Pad} beta={Beta} bias={Bias} act={Activation}";
    }

    /// <summary>Every (m, n, k) from <paramref name="sizes"/> with the given flags and options.</summary>
    public static IEnumerable<Case> Shapes(int[] sizes, bool transA, bool transB, int pad = 0, float beta = 0f,
        bool bias = false, GemmActivation activation = GemmActivation.None)
    {
        foreach (int m in sizes)
            foreach (int n in sizes)
                foreach (int k in sizes)
                    yield return new Case(transA, transB, m, n, k, pad, beta, bias, activation);
    }

    /// <summary>Runs the cases and returns one message per mismatching case (empty when all pass).</summary>
    public static List<string> Run(IEnumerable<Case> cases, int seed)
    {
        var failures = new List<string>();
        var rng = new Random(seed);
        foreach (Case c in cases)
        {
            string? failure = Check(c, rng);
            if (failure != null)
                failures.Add(failure);
        }
        return failures;
    }

    /// <summary>Runs one case; null when C matches the reference within float32 rounding of the dot products.</summary>
    public static string? Check(Case c, Random rng)
    {
        int aRows = c.TransA ? c.K : c.M, aCols = c.TransA ? c.M : c.K;
        int bRows = c.TransB ? c.N : c.K, bCols = c.TransB ? c.K : c.N;
        int lda = Math.Max(1, aCols + c.Pad), ldb = Math.Max(1, bCols + c.Pad), ldc = Math.Max(1, c.N + c.Pad);
        float[] a = Random(rng, aRows * lda), b = Random(rng, bRows * ldb), cMat = Random(rng, c.M * ldc);
        float[] bias = c.Bias ? Random(rng, c.N) : [];
        if (c.Beta == 0f)
            Array.Fill(cMat, float.NaN); // beta = 0 must not read C
        float[] before = (float[])cMat.Clone();

        Gemm.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, a, lda, b, ldb, cMat, ldc, c.Beta,
            new GemmEpilogue<float>(bias, c.Activation));

        for (int i = 0; i < c.M; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                float actual = cMat[i * ldc + j];
                if (j >= c.N)
                {
                    if (!actual.Equals(before[i * ldc + j]))
                        return $"{c}: padding C[{i},{j}] was overwritten";
                    continue;
                }
                double sum = 0, magnitude = 0;
                for (int p = 0; p < c.K; p++)
                {
                    double x = c.TransA ? a[p * lda + i] : a[i * lda + p];
                    double y = c.TransB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += x * y;
                    magnitude += Math.Abs(x * y);
                }
                if (c.Beta != 0f)
                {
                    sum += c.Beta * (double)before[i * ldc + j];
                    magnitude += Math.Abs(c.Beta * (double)before[i * ldc + j]);
                }
                if (c.Bias)
                {
                    sum += bias[j];
                    magnitude += Math.Abs(bias[j]);
                }
                double expected = Activate(sum, c.Activation);
                double tolerance = 1e-6 * (4 + Math.Sqrt(c.K)) * magnitude + 1e-6;
                if (!(Math.Abs(actual - expected) <= tolerance))
                    return $"{c}: C[{i},{j}] = {actual}, expected {expected} (tolerance {tolerance:g3})";
            }
        }
        return null;
    }

    /// <summary>The exact activation in double.</summary>
    public static double Activate(double x, GemmActivation activation) => activation switch
    {
        GemmActivation.Relu => Math.Max(x, 0d),
        GemmActivation.Tanh => Math.Tanh(x),
        GemmActivation.Sigmoid => 1d / (1d + Math.Exp(-x)),
        _ => x,
    };

    private static float[] Random(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}
