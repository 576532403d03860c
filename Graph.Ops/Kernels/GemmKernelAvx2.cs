using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>
/// The AVX2/FMA register-blocked micro-kernel: a 6×16 tile of C += Ã·B̃ over kc, where Ã is an A micro-panel
/// packed k-major (6 floats per k) and B̃ a B micro-panel packed k-major (16 floats per k, 32-byte aligned).
/// </summary>
/// <remarks>
/// 12 ymm accumulators + 2 for B + 1 broadcast = 15 of the 16 registers, so nothing spills. The k loop is
/// unrolled ×4 by hand because the JIT does not unroll (measured +9 % on this machine).
/// </remarks>
internal static unsafe class GemmKernelAvx2
{
    public const int MR = 6;
    public const int NR = 16;

    /// <summary>C[0..6, 0..16] (row stride ldc) = (accumulate ? C : 0) + Σ_k Ã[k, r]·B̃[k, j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel(int kc, float* a, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector256<float> a0, b0, b1;
        if (accumulate)
        {
            // C is read only after the k loop; start fetching its lines now so that read does not stall.
            for (int r = 0; r < MR; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + 15);
            }
        }
        int k = 0;
        for (; k + 4 <= kc; k += 4)
        {
            b0 = Avx.LoadAlignedVector256(b + 0); b1 = Avx.LoadAlignedVector256(b + 8);
            a0 = Avx.BroadcastScalarToVector256(a + 0); c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            a0 = Avx.BroadcastScalarToVector256(a + 1); c10 = Fma.MultiplyAdd(a0, b0, c10); c11 = Fma.MultiplyAdd(a0, b1, c11);
            a0 = Avx.BroadcastScalarToVector256(a + 2); c20 = Fma.MultiplyAdd(a0, b0, c20); c21 = Fma.MultiplyAdd(a0, b1, c21);
            a0 = Avx.BroadcastScalarToVector256(a + 3); c30 = Fma.MultiplyAdd(a0, b0, c30); c31 = Fma.MultiplyAdd(a0, b1, c31);
            a0 = Avx.BroadcastScalarToVector256(a + 4); c40 = Fma.MultiplyAdd(a0, b0, c40); c41 = Fma.MultiplyAdd(a0, b1, c41);
            a0 = Avx.BroadcastScalarToVector256(a + 5); c50 = Fma.MultiplyAdd(a0, b0, c50); c51 = Fma.MultiplyAdd(a0, b1, c51);
            b0 = Avx.LoadAlignedVector256(b + 16); b1 = Avx.LoadAlignedVector256(b + 24);
            a0 = Avx.BroadcastScalarToVector256(a + 6); c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            a0 = Avx.BroadcastScalarToVector256(a + 7); c10 = Fma.MultiplyAdd(a0, b0, c10); c11 = Fma.MultiplyAdd(a0, b1, c11);
            a0 = Avx.BroadcastScalarToVector256(a + 8); c20 = Fma.MultiplyAdd(a0, b0, c20); c21 = Fma.MultiplyAdd(a0, b1, c21);
            a0 = Avx.BroadcastScalarToVector256(a + 9); c30 = Fma.MultiplyAdd(a0, b0, c30); c31 = Fma.MultiplyAdd(a0, b1, c31);
            a0 = Avx.BroadcastScalarToVector256(a + 10); c40 = Fma.MultiplyAdd(a0, b0, c40); c41 = Fma.MultiplyAdd(a0, b1, c41);
            a0 = Avx.BroadcastScalarToVector256(a + 11); c50 = Fma.MultiplyAdd(a0, b0, c50); c51 = Fma.MultiplyAdd(a0, b1, c51);
            b0 = Avx.LoadAlignedVector256(b + 32); b1 = Avx.LoadAlignedVector256(b + 40);
            a0 = Avx.BroadcastScalarToVector256(a + 12); c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            a0 = Avx.BroadcastScalarToVector256(a + 13); c10 = Fma.MultiplyAdd(a0, b0, c10); c11 = Fma.MultiplyAdd(a0, b1, c11);
            a0 = Avx.BroadcastScalarToVector256(a + 14); c20 = Fma.MultiplyAdd(a0, b0, c20); c21 = Fma.MultiplyAdd(a0, b1, c21);
            a0 = Avx.BroadcastScalarToVector256(a + 15); c30 = Fma.MultiplyAdd(a0, b0, c30); c31 = Fma.MultiplyAdd(a0, b1, c31);
            a0 = Avx.BroadcastScalarToVector256(a + 16); c40 = Fma.MultiplyAdd(a0, b0, c40); c41 = Fma.MultiplyAdd(a0, b1, c41);
            a0 = Avx.BroadcastScalarToVector256(a + 17); c50 = Fma.MultiplyAdd(a0, b0, c50); c51 = Fma.MultiplyAdd(a0, b1, c51);
            b0 = Avx.LoadAlignedVector256(b + 48); b1 = Avx.LoadAlignedVector256(b + 56);
            a0 = Avx.BroadcastScalarToVector256(a + 18); c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            a0 = Avx.BroadcastScalarToVector256(a + 19); c10 = Fma.MultiplyAdd(a0, b0, c10); c11 = Fma.MultiplyAdd(a0, b1, c11);
            a0 = Avx.BroadcastScalarToVector256(a + 20); c20 = Fma.MultiplyAdd(a0, b0, c20); c21 = Fma.MultiplyAdd(a0, b1, c21);
            a0 = Avx.BroadcastScalarToVector256(a + 21); c30 = Fma.MultiplyAdd(a0, b0, c30); c31 = Fma.MultiplyAdd(a0, b1, c31);
            a0 = Avx.BroadcastScalarToVector256(a + 22); c40 = Fma.MultiplyAdd(a0, b0, c40); c41 = Fma.MultiplyAdd(a0, b1, c41);
            a0 = Avx.BroadcastScalarToVector256(a + 23); c50 = Fma.MultiplyAdd(a0, b0, c50); c51 = Fma.MultiplyAdd(a0, b1, c51);
            a += 4 * MR;
            b += 4 * NR;
        }
        for (; k < kc; k++)
        {
            b0 = Avx.LoadAlignedVector256(b + 0); b1 = Avx.LoadAlignedVector256(b + 8);
            a0 = Avx.BroadcastScalarToVector256(a + 0); c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            a0 = Avx.BroadcastScalarToVector256(a + 1); c10 = Fma.MultiplyAdd(a0, b0, c10); c11 = Fma.MultiplyAdd(a0, b1, c11);
            a0 = Avx.BroadcastScalarToVector256(a + 2); c20 = Fma.MultiplyAdd(a0, b0, c20); c21 = Fma.MultiplyAdd(a0, b1, c21);
            a0 = Avx.BroadcastScalarToVector256(a + 3); c30 = Fma.MultiplyAdd(a0, b0, c30); c31 = Fma.MultiplyAdd(a0, b1, c31);
            a0 = Avx.BroadcastScalarToVector256(a + 4); c40 = Fma.MultiplyAdd(a0, b0, c40); c41 = Fma.MultiplyAdd(a0, b1, c41);
            a0 = Avx.BroadcastScalarToVector256(a + 5); c50 = Fma.MultiplyAdd(a0, b0, c50); c51 = Fma.MultiplyAdd(a0, b1, c51);
            a += MR;
            b += NR;
        }
        Store(c + 0 * ldc, c00, c01, accumulate);
        Store(c + 1 * ldc, c10, c11, accumulate);
        Store(c + 2 * ldc, c20, c21, accumulate);
        Store(c + 3 * ldc, c30, c31, accumulate);
        Store(c + 4 * ldc, c40, c41, accumulate);
        Store(c + 5 * ldc, c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> lo, Vector256<float> hi, bool accumulate)
    {
        if (accumulate)
        {
            lo = Avx.Add(lo, Avx.LoadVector256(c));
            hi = Avx.Add(hi, Avx.LoadVector256(c + 8));
        }
        Avx.Store(c, lo);
        Avx.Store(c + 8, hi);
    }
}
