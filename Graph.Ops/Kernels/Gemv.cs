using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>
/// Matrix–vector kernels for GEMMs with m = 1 or n = 1, where packing would cost more than the product and the
/// micro-kernel would waste 5/6 of its rows. Both read the matrix once, in memory order.
/// </summary>
internal static unsafe class Gemv
{
    /// <summary>y[j] = Σ_k x[k]·W[j·ldw + k] for j &lt; rows: dot products with contiguous rows of W.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotRows(float* x, int k, float* w, nint ldw, int rows, float* y)
    {
        if (!FastMath256.IsSupported)
        {
            for (int j = 0; j < rows; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++) sum += x[p] * w[j * ldw + p];
                y[j] = sum;
            }
            return;
        }
        int row = 0;
        Vector256<float> tailMask = FastMath256.TailMask(k & 7);
        int kVec = k & ~7;
        for (; row + 4 <= rows; row += 4)
        {
            // Four rows share each load of x; four independent accumulators hide the FMA latency.
            float* w0 = w + row * ldw, w1 = w0 + ldw, w2 = w1 + ldw, w3 = w2 + ldw;
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            int p = 0;
            for (; p < kVec; p += 8)
            {
                Vector256<float> xv = Avx.LoadVector256(x + p);
                s0 = Fma.MultiplyAdd(xv, Avx.LoadVector256(w0 + p), s0);
                s1 = Fma.MultiplyAdd(xv, Avx.LoadVector256(w1 + p), s1);
                s2 = Fma.MultiplyAdd(xv, Avx.LoadVector256(w2 + p), s2);
                s3 = Fma.MultiplyAdd(xv, Avx.LoadVector256(w3 + p), s3);
            }
            if (p < k)
            {
                Vector256<float> xv = Avx.MaskLoad(x + p, tailMask);
                s0 = Fma.MultiplyAdd(xv, Avx.MaskLoad(w0 + p, tailMask), s0);
                s1 = Fma.MultiplyAdd(xv, Avx.MaskLoad(w1 + p, tailMask), s1);
                s2 = Fma.MultiplyAdd(xv, Avx.MaskLoad(w2 + p, tailMask), s2);
                s3 = Fma.MultiplyAdd(xv, Avx.MaskLoad(w3 + p, tailMask), s3);
            }
            y[row] = Vector256.Sum(s0);
            y[row + 1] = Vector256.Sum(s1);
            y[row + 2] = Vector256.Sum(s2);
            y[row + 3] = Vector256.Sum(s3);
        }
        for (; row < rows; row++)
        {
            float* w0 = w + row * ldw;
            Vector256<float> s0 = default, s1 = default;
            int p = 0;
            for (; p + 16 <= kVec; p += 16)
            {
                s0 = Fma.MultiplyAdd(Avx.LoadVector256(x + p), Avx.LoadVector256(w0 + p), s0);
                s1 = Fma.MultiplyAdd(Avx.LoadVector256(x + p + 8), Avx.LoadVector256(w0 + p + 8), s1);
            }
            for (; p < kVec; p += 8)
                s0 = Fma.MultiplyAdd(Avx.LoadVector256(x + p), Avx.LoadVector256(w0 + p), s0);
            if (p < k)
                s1 = Fma.MultiplyAdd(Avx.MaskLoad(x + p, tailMask), Avx.MaskLoad(w0 + p, tailMask), s1);
            y[row] = Vector256.Sum(Avx.Add(s0, s1));
        }
    }

    /// <summary>y[j] = Σ_k x[k]·W[k·ldw + j] for j &lt; cols: scaled rows of W accumulated into y.</summary>
    /// <remarks>
    /// Streams W in memory order, four rows per pass over y (y stays in L1), so the hardware prefetcher sees one
    /// sequential stream per row instead of column strips with a stride of ldw.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AxpyRows(float* x, int k, float* w, nint ldw, int cols, float* y)
    {
        new Span<float>(y, cols).Clear();
        if (!FastMath256.IsSupported)
        {
            for (int p = 0; p < k; p++)
                for (int j = 0; j < cols; j++)
                    y[j] += x[p] * w[p * ldw + j];
            return;
        }
        int colVec = cols & ~7;
        Vector256<float> tailMask = FastMath256.TailMask(cols & 7);
        int row = 0;
        for (; row + 4 <= k; row += 4)
        {
            float* w0 = w + row * ldw, w1 = w0 + ldw, w2 = w1 + ldw, w3 = w2 + ldw;
            Vector256<float> x0 = Vector256.Create(x[row]), x1 = Vector256.Create(x[row + 1]);
            Vector256<float> x2 = Vector256.Create(x[row + 2]), x3 = Vector256.Create(x[row + 3]);
            int j = 0;
            for (; j < colVec; j += 8)
            {
                Vector256<float> acc = Fma.MultiplyAdd(x0, Avx.LoadVector256(w0 + j), Avx.LoadVector256(y + j));
                acc = Fma.MultiplyAdd(x1, Avx.LoadVector256(w1 + j), acc);
                acc = Fma.MultiplyAdd(x2, Avx.LoadVector256(w2 + j), acc);
                Avx.Store(y + j, Fma.MultiplyAdd(x3, Avx.LoadVector256(w3 + j), acc));
            }
            if (j < cols)
            {
                Vector256<float> acc = Fma.MultiplyAdd(x0, Avx.MaskLoad(w0 + j, tailMask), Avx.MaskLoad(y + j, tailMask));
                acc = Fma.MultiplyAdd(x1, Avx.MaskLoad(w1 + j, tailMask), acc);
                acc = Fma.MultiplyAdd(x2, Avx.MaskLoad(w2 + j, tailMask), acc);
                Avx.MaskStore(y + j, tailMask, Fma.MultiplyAdd(x3, Avx.MaskLoad(w3 + j, tailMask), acc));
            }
        }
        for (; row < k; row++)
        {
            float* w0 = w + row * ldw;
            Vector256<float> x0 = Vector256.Create(x[row]);
            int j = 0;
            for (; j < colVec; j += 8)
                Avx.Store(y + j, Fma.MultiplyAdd(x0, Avx.LoadVector256(w0 + j), Avx.LoadVector256(y + j)));
            if (j < cols)
                Avx.MaskStore(y + j, tailMask, Fma.MultiplyAdd(x0, Avx.MaskLoad(w0 + j, tailMask), Avx.MaskLoad(y + j, tailMask)));
        }
    }
}
