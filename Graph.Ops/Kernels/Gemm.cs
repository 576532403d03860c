using System.Buffers;
using System.Runtime.CompilerServices;

namespace Graph.Ops.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: C = act(beta·C + op(A)·op(B) + bias), where op(A) is m×k, op(B) is
/// k×n and C is m×n; op(X) = Xᵀ when the matching transpose flag is set (then X is stored k×m resp. n×k).
/// Element (r, c) of a stored matrix X with leading dimension ldx is X[r·ldx + c]; ldx ≥ the stored row length.
/// </summary>
/// <remarks>
/// float32 runs a packed, register-blocked kernel (6×16 AVX2/FMA micro-kernel, portable fallback elsewhere),
/// transposes absorbed by packing, on all cores above about 2·10⁶ multiply-adds, with no allocation per call after
/// warm-up; m = 1 or n = 1 take a matrix–vector path. float64 is a simpler vectorized loop meant for gradient checks.
/// With beta = 0, C is not read (NaN/garbage in C does not propagate). C must not overlap A, B or the bias.
/// Safe to call from several threads at once (each call writes only its own C).
/// </remarks>
public static class Gemm
{
    /// <summary>
    /// C[i, j] = act(beta·C[i, j] + Σ_p op(A)[i, p]·op(B)[p, j] + bias[j]) for float32.
    /// </summary>
    /// <param name="transposeA">Use Aᵀ: A is stored k×m.</param>
    /// <param name="transposeB">Use Bᵀ: B is stored n×k.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Leading dimension of A (≥ k, or ≥ m when transposed).</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Leading dimension of B (≥ n, or ≥ k when transposed).</param>
    /// <param name="c">C (m×n), row-major with leading dimension <paramref name="ldc"/> (≥ n).</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="beta">Scale of the previous C; 0 overwrites C without reading it.</param>
    /// <param name="epilogue">Optional bias (length n) and activation applied to the result.</param>
    public static unsafe void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        float beta = 0f, GemmEpilogue<float> epilogue = default)
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc, epilogue.Bias.Length);
        if (m == 0 || n == 0)
            return;
        if (c.Overlaps(a) || c.Overlaps(b) || c.Overlaps(epilogue.Bias))
            throw new ArgumentException("C must not overlap A, B or the bias.", nameof(c));
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* pbias = epilogue.Bias)
        {
            var g = new GemmArgs
            {
                A = pa, Lda = lda, TransA = transposeA,
                B = pb, Ldb = ldb, TransB = transposeB,
                C = pc, Ldc = ldc, M = m, N = n, K = k, Beta = beta,
                Bias = epilogue.Bias.IsEmpty ? null : pbias, Activation = epilogue.Activation,
            };
            if (k == 0)
                ScaleOnly(g);
            else if (m == 1 || n == 1)
                MatrixVector(g);
            else
                GemmDriver.Run(g);
        }
    }

    /// <summary>
    /// C[i, j] = act(beta·C[i, j] + Σ_p op(A)[i, p]·op(B)[p, j] + bias[j]) for float64 (exact activations).
    /// Parameters as for the float32 overload.
    /// </summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        double beta = 0d, GemmEpilogue<double> epilogue = default)
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc, epilogue.Bias.Length);
        if (m == 0 || n == 0)
            return;
        if (c.Overlaps(a) || c.Overlaps(b) || c.Overlaps(epilogue.Bias))
            throw new ArgumentException("C must not overlap A, B or the bias.", nameof(c));
        GemmF64.Multiply(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, beta, epilogue);
    }

    private static unsafe void ScaleOnly(in GemmArgs g)
    {
        for (int i = 0; i < g.M; i++)
        {
            float* row = g.C + i * g.Ldc;
            if (g.Beta == 0f) new Span<float>(row, g.N).Clear();
            else if (g.Beta != 1f) GemmTile.Scale(row, g.Ldc, 1, g.N, g.Beta);
        }
        if (g.HasEpilogue)
            GemmTile.Epilogue(g.C, g.Ldc, g.M, g.N, g.Bias, g.Activation);
    }

    /// <summary>Row-times-matrix products from this many multiply-adds on run on all cores (column halves).</summary>
    internal const long ParallelRowTimesMatrix = 1 << 16;

    // The kernels write every element of the scratch before reading it, so zeroing it (2 KiB per call) is waste.
    [SkipLocalsInit]
    private static unsafe void MatrixVector(in GemmArgs g)
    {
        if (g.M == 1 && !g.TransA && !g.TransB && g.Beta == 0f && (long)g.N * g.K >= ParallelRowTimesMatrix && g.N >= 64)
        {
            var pool = GemmThreadPool.Shared;
            int colStep = (GemmDriver.CeilDiv(g.N, pool.Threads) + 15) & ~15;
            if (pool.Threads > 1 && pool.TryRunRowTimesMatrix(g, colStep))
            {
                if (g.HasEpilogue) GemmTile.Epilogue(g.C, g.Ldc, 1, g.N, g.Bias, g.Activation);
                return;
            }
        }
        // Row 1×n (m = 1): x = op(A) row 0 against op(B); column m×1 (n = 1): op(A) against x = op(B) column 0.
        bool row = g.M == 1 && !(g.N == 1 && !g.TransA);
        int len = row ? g.N : g.M;
        float* xs = row ? g.A : g.B;
        nint xStride = row ? (g.TransA ? g.Lda : 1) : (g.TransB ? 1 : g.Ldb);
        float[]? rented = null;
        int scratch = len + (xStride == 1 ? 0 : g.K);
        Span<float> buffer = scratch <= 512 ? stackalloc float[512] : (rented = ArrayPool<float>.Shared.Rent(scratch));
        try
        {
            fixed (float* pbuf = buffer)
            {
                float* y = pbuf, x = xs;
                if (xStride != 1)
                {
                    x = pbuf + len;
                    for (int p = 0; p < g.K; p++) x[p] = xs[p * xStride];
                }
                if (row)
                {
                    if (g.TransB) Gemv.DotRows(x, g.K, g.B, g.Ldb, g.N, y);
                    else Gemv.AxpyRows(x, g.K, g.B, g.Ldb, g.N, y);
                }
                else
                {
                    if (g.TransA) Gemv.AxpyRows(x, g.K, g.A, g.Lda, g.M, y);
                    else Gemv.DotRows(x, g.K, g.A, g.Lda, g.M, y);
                }
                int rows = row ? 1 : g.M, cols = row ? g.N : 1;
                nint yStride = row ? g.N : 1;
                if (g.Beta != 0f && g.Beta != 1f)
                    GemmTile.Scale(g.C, g.Ldc, rows, cols, g.Beta);
                GemmTile.Merge(y, yStride, g.C, g.Ldc, rows, cols, g.Beta != 0f);
                if (g.HasEpilogue)
                    GemmTile.Epilogue(g.C, g.Ldc, rows, cols, g.Bias, g.Activation);
            }
        }
        finally
        {
            if (rented != null) ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc, int biasLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckMatrix(transposeA ? k : m, transposeA ? m : k, aLength, lda, "a", nameof(lda));
        CheckMatrix(transposeB ? n : k, transposeB ? k : n, bLength, ldb, "b", nameof(ldb));
        CheckMatrix(m, n, cLength, ldc, "c", nameof(ldc));
        if (biasLength != 0 && biasLength != n)
            throw new ArgumentException($"The bias must be empty or have length n = {n}, not {biasLength}.", "epilogue");
    }

    private static void CheckMatrix(int rows, int cols, int length, int ld, string name, string ldName)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException(ldName, ld, $"Leading dimension must be at least the stored row length {cols}.");
        long required = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < required)
            throw new ArgumentException($"Span '{name}' has {length} elements; a {rows}×{cols} matrix with leading dimension {ld} needs {required}.", name);
    }
}
