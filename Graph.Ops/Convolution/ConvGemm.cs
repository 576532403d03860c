using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Graph.Ops.Convolution;

/// <summary>
/// The matrix multiply the convolution kernels use: <c>C = [C +] op(A)·op(B)</c> on row-major spans with leading
/// dimensions, op(X) = Xᵀ when flagged (a BLAS GEMM's contract, so it can be swapped for a faster one).
/// A simple register-blocked kernel: two rows of C by four <see cref="Vector{T}"/> columns accumulate in registers
/// over the whole inner dimension (A broadcast, B rows streamed from cache), then narrower column tails. A
/// transposed B is first copied to row-major scratch so the inner loop always reads contiguous rows.
/// </summary>
internal static class ConvGemm
{
    /// <summary>C[i, j] = (accumulate ? C[i, j] : 0) + Σ_p op(A)[i, p]·op(B)[p, j].</summary>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        if (m == 0 || n == 0) return;
        if (!transposeB)
        {
            Kernel(transposeA, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        var rows = ArrayPool<T>.Shared.Rent(k * n);
        try
        {
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++)
                    rows[p * n + j] = b[j * ldb + p];
            Kernel(transposeA, m, n, k, a, lda, rows, n, c, ldc, accumulate);
        }
        finally { ArrayPool<T>.Shared.Return(rows); }
    }

    private static void Kernel<T>(bool transposeA, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        int vl = Vector<T>.Count, j = 0;
        // Row stride of A along p and column stride along i: op(A)[i, p] = a[i·ri + p·rp].
        int ri = transposeA ? 1 : lda, rp = transposeA ? lda : 1;
        ref T ra = ref MemoryMarshal.GetReference(a), rb = ref MemoryMarshal.GetReference(b), rc = ref MemoryMarshal.GetReference(c);
        for (; j + 4 * vl <= n; j += 4 * vl)
        {
            int i = 0;
            for (; i + 2 <= m; i += 2) Block2x4(ref ra, i * ri, ri, rp, ref rb, ldb, j, ref rc, i * ldc + j, ldc, k, accumulate);
            if (i < m) Block1x4(ref ra, i * ri, rp, ref rb, ldb, j, ref rc, i * ldc + j, k, accumulate);
        }
        for (; j + vl <= n; j += vl)
            for (int i = 0; i < m; i++)
            {
                var acc = accumulate ? Load(ref rc, i * ldc + j) : Vector<T>.Zero;
                for (int p = 0; p < k; p++) acc += new Vector<T>(Unsafe.Add(ref ra, i * ri + p * rp)) * Load(ref rb, p * ldb + j);
                Store(acc, ref rc, i * ldc + j);
            }
        for (; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                T sum = accumulate ? c[i * ldc + j] : T.Zero;
                for (int p = 0; p < k; p++) sum += Unsafe.Add(ref ra, i * ri + p * rp) * b[p * ldb + j];
                c[i * ldc + j] = sum;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block2x4<T>(ref T a, int a0, int ri, int rp, ref T b, int ldb, int col, ref T c, int c0, int ldc, int k, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        int vl = Vector<T>.Count;
        Vector<T> x0 = default, x1 = default, x2 = default, x3 = default, y0 = default, y1 = default, y2 = default, y3 = default;
        if (accumulate)
        {
            (x0, x1, x2, x3) = (Load(ref c, c0), Load(ref c, c0 + vl), Load(ref c, c0 + 2 * vl), Load(ref c, c0 + 3 * vl));
            int d0 = c0 + ldc;
            (y0, y1, y2, y3) = (Load(ref c, d0), Load(ref c, d0 + vl), Load(ref c, d0 + 2 * vl), Load(ref c, d0 + 3 * vl));
        }
        for (int p = 0; p < k; p++)
        {
            var s = new Vector<T>(Unsafe.Add(ref a, a0 + p * rp));
            var t = new Vector<T>(Unsafe.Add(ref a, a0 + ri + p * rp));
            int o = p * ldb + col;
            Vector<T> b0 = Load(ref b, o), b1 = Load(ref b, o + vl), b2 = Load(ref b, o + 2 * vl), b3 = Load(ref b, o + 3 * vl);
            x0 += s * b0; x1 += s * b1; x2 += s * b2; x3 += s * b3;
            y0 += t * b0; y1 += t * b1; y2 += t * b2; y3 += t * b3;
        }
        Store(x0, ref c, c0); Store(x1, ref c, c0 + vl); Store(x2, ref c, c0 + 2 * vl); Store(x3, ref c, c0 + 3 * vl);
        int e = c0 + ldc;
        Store(y0, ref c, e); Store(y1, ref c, e + vl); Store(y2, ref c, e + 2 * vl); Store(y3, ref c, e + 3 * vl);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x4<T>(ref T a, int a0, int rp, ref T b, int ldb, int col, ref T c, int c0, int k, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        int vl = Vector<T>.Count;
        Vector<T> x0 = default, x1 = default, x2 = default, x3 = default;
        if (accumulate) (x0, x1, x2, x3) = (Load(ref c, c0), Load(ref c, c0 + vl), Load(ref c, c0 + 2 * vl), Load(ref c, c0 + 3 * vl));
        for (int p = 0; p < k; p++)
        {
            var s = new Vector<T>(Unsafe.Add(ref a, a0 + p * rp));
            int o = p * ldb + col;
            x0 += s * Load(ref b, o); x1 += s * Load(ref b, o + vl); x2 += s * Load(ref b, o + 2 * vl); x3 += s * Load(ref b, o + 3 * vl);
        }
        Store(x0, ref c, c0); Store(x1, ref c, c0 + vl); Store(x2, ref c, c0 + 2 * vl); Store(x3, ref c, c0 + 3 * vl);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ref T source, int offset) where T : unmanaged, INumber<T> =>
        Vector.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector<T> value, ref T destination, int offset) where T : unmanaged, INumber<T> =>
        value.StoreUnsafe(ref destination, (nuint)offset);
}
