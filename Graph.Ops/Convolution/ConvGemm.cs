using System.Numerics;
using System.Numerics.Tensors;

namespace Graph.Ops.Convolution;

/// <summary>
/// The matrix multiply the convolution kernels use: <c>C = beta·C + op(A)·op(B)</c> on row-major spans with leading
/// dimensions, op(X) = Xᵀ when flagged (same contract as a BLAS GEMM, so it can be swapped for a faster one).
/// Rows of C accumulate contiguous rows of B (or dot products of contiguous rows when B is transposed), with the
/// inner dimension in blocks so the touched rows of B stay in cache.
/// </summary>
internal static class ConvGemm
{
    private const int KBlock = 256;

    /// <summary>C[i, j] = beta·C[i, j] + Σ_p op(A)[i, p]·op(B)[p, j]; beta is 0 or 1 (0 does not read C).</summary>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        if (!accumulate)
            for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
        if (transposeB)
        {
            MultiplyTransposedB(transposeA, m, n, k, a, lda, b, ldb, c, ldc);
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KBlock)
        {
            int p1 = Math.Min(k, p0 + KBlock);
            for (int i = 0; i < m; i++)
            {
                var row = c.Slice(i * ldc, n);
                for (int p = p0; p < p1; p++)
                {
                    T aip = transposeA ? a[p * lda + i] : a[i * lda + p];
                    if (aip != T.Zero) TensorPrimitives.MultiplyAdd(b.Slice(p * ldb, n), aip, row, row);
                }
            }
        }
    }

    private static void MultiplyTransposedB<T>(bool transposeA, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (!transposeA)
            {
                var ai = a.Slice(i * lda, k);
                for (int j = 0; j < n; j++) row[j] += TensorPrimitives.Dot(ai, b.Slice(j * ldb, k));
                continue;
            }
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum += a[p * lda + i] * b[j * ldb + p];
                row[j] += sum;
            }
        }
    }
}
