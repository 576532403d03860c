using System.Numerics;
using System.Runtime.InteropServices;
using Graph.Ops.Kernels;

namespace Graph.Ops.Convolution;

/// <summary>
/// The matrix multiply of the convolution kernels, generic over their element type (float32 or float64):
/// <c>C = [C +] op(A)·op(B)</c> on row-major spans with leading dimensions, op(X) = Xᵀ when flagged. It forwards to
/// <see cref="Gemm"/> (packed, register-blocked and multi-threaded for float32; vectorized for float64).
/// </summary>
internal static class ConvGemm
{
    /// <summary>C[i, j] = (accumulate ? C[i, j] : 0) + Σ_p op(A)[i, p]·op(B)[p, j].</summary>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        // An empty stored row (no channels) still needs a leading dimension of at least 1.
        (lda, ldb, ldc) = (Math.Max(lda, 1), Math.Max(ldb, 1), Math.Max(ldc, 1));
        if (typeof(T) == typeof(float))
            Gemm.Multiply(transposeA, transposeB, m, n, k, MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(b), ldb,
                MemoryMarshal.Cast<T, float>(c), ldc, accumulate ? 1f : 0f);
        else
            Gemm.Multiply(transposeA, transposeB, m, n, k, MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(b), ldb,
                MemoryMarshal.Cast<T, double>(c), ldc, accumulate ? 1d : 0d);
    }
}
