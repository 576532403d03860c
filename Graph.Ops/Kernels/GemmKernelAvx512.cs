using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>
/// The AVX-512 micro-kernel: a 6×64 tile of C += Ã·B̃ over kc, with Ã packed k-major (6 floats per k, as for
/// <see cref="GemmKernelAvx2"/>) and B̃ packed k-major with 64 floats per k (64-byte aligned).
/// </summary>
/// <remarks>
/// 24 zmm accumulators + 4 for B + 1 broadcast = 29 of the 32 registers. Each broadcast feeds 4 FMAs and each B
/// load 6, so the loop stays FMA-bound. Used only where AVX-512 runs at full width in hardware
/// (Vector512.IsHardwareAccelerated); there it doubles the AVX2 kernel's peak.
/// </remarks>
internal static unsafe class GemmKernelAvx512
{
    public const int MR = 6;
    public const int NR = 64;

    /// <summary>C[0..6, 0..64] (row stride ldc) = (accumulate ? C : 0) + Σ_k Ã[k, r]·B̃[k, j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel(int kc, float* a, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector512<float> c50 = default, c51 = default, c52 = default, c53 = default;
        Vector512<float> a0, b0, b1, b2, b3;
        if (accumulate)
        {
            // C is read only after the k loop; start fetching its 24 lines now so that read does not stall.
            for (int r = 0; r < MR; r++)
            {
                float* row = c + r * ldc;
                Sse.Prefetch0(row);
                Sse.Prefetch0(row + 16);
                Sse.Prefetch0(row + 32);
                Sse.Prefetch0(row + 48);
            }
        }
        int k = 0;
        for (; k + 2 <= kc; k += 2)
        {
            b0 = Avx512F.LoadVector512(b + 0); b1 = Avx512F.LoadVector512(b + 16); b2 = Avx512F.LoadVector512(b + 32); b3 = Avx512F.LoadVector512(b + 48);
            a0 = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01); c02 = Avx512F.FusedMultiplyAdd(a0, b2, c02); c03 = Avx512F.FusedMultiplyAdd(a0, b3, c03);
            a0 = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(a0, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a0, b1, c11); c12 = Avx512F.FusedMultiplyAdd(a0, b2, c12); c13 = Avx512F.FusedMultiplyAdd(a0, b3, c13);
            a0 = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(a0, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a0, b1, c21); c22 = Avx512F.FusedMultiplyAdd(a0, b2, c22); c23 = Avx512F.FusedMultiplyAdd(a0, b3, c23);
            a0 = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(a0, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a0, b1, c31); c32 = Avx512F.FusedMultiplyAdd(a0, b2, c32); c33 = Avx512F.FusedMultiplyAdd(a0, b3, c33);
            a0 = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(a0, b0, c40); c41 = Avx512F.FusedMultiplyAdd(a0, b1, c41); c42 = Avx512F.FusedMultiplyAdd(a0, b2, c42); c43 = Avx512F.FusedMultiplyAdd(a0, b3, c43);
            a0 = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(a0, b0, c50); c51 = Avx512F.FusedMultiplyAdd(a0, b1, c51); c52 = Avx512F.FusedMultiplyAdd(a0, b2, c52); c53 = Avx512F.FusedMultiplyAdd(a0, b3, c53);
            b0 = Avx512F.LoadVector512(b + 64); b1 = Avx512F.LoadVector512(b + 80); b2 = Avx512F.LoadVector512(b + 96); b3 = Avx512F.LoadVector512(b + 112);
            a0 = Vector512.Create(a[6]); c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01); c02 = Avx512F.FusedMultiplyAdd(a0, b2, c02); c03 = Avx512F.FusedMultiplyAdd(a0, b3, c03);
            a0 = Vector512.Create(a[7]); c10 = Avx512F.FusedMultiplyAdd(a0, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a0, b1, c11); c12 = Avx512F.FusedMultiplyAdd(a0, b2, c12); c13 = Avx512F.FusedMultiplyAdd(a0, b3, c13);
            a0 = Vector512.Create(a[8]); c20 = Avx512F.FusedMultiplyAdd(a0, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a0, b1, c21); c22 = Avx512F.FusedMultiplyAdd(a0, b2, c22); c23 = Avx512F.FusedMultiplyAdd(a0, b3, c23);
            a0 = Vector512.Create(a[9]); c30 = Avx512F.FusedMultiplyAdd(a0, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a0, b1, c31); c32 = Avx512F.FusedMultiplyAdd(a0, b2, c32); c33 = Avx512F.FusedMultiplyAdd(a0, b3, c33);
            a0 = Vector512.Create(a[10]); c40 = Avx512F.FusedMultiplyAdd(a0, b0, c40); c41 = Avx512F.FusedMultiplyAdd(a0, b1, c41); c42 = Avx512F.FusedMultiplyAdd(a0, b2, c42); c43 = Avx512F.FusedMultiplyAdd(a0, b3, c43);
            a0 = Vector512.Create(a[11]); c50 = Avx512F.FusedMultiplyAdd(a0, b0, c50); c51 = Avx512F.FusedMultiplyAdd(a0, b1, c51); c52 = Avx512F.FusedMultiplyAdd(a0, b2, c52); c53 = Avx512F.FusedMultiplyAdd(a0, b3, c53);
            a += 2 * MR;
            b += 2 * NR;
        }
        if (k < kc)
        {
            b0 = Avx512F.LoadVector512(b + 0); b1 = Avx512F.LoadVector512(b + 16); b2 = Avx512F.LoadVector512(b + 32); b3 = Avx512F.LoadVector512(b + 48);
            a0 = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01); c02 = Avx512F.FusedMultiplyAdd(a0, b2, c02); c03 = Avx512F.FusedMultiplyAdd(a0, b3, c03);
            a0 = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(a0, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a0, b1, c11); c12 = Avx512F.FusedMultiplyAdd(a0, b2, c12); c13 = Avx512F.FusedMultiplyAdd(a0, b3, c13);
            a0 = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(a0, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a0, b1, c21); c22 = Avx512F.FusedMultiplyAdd(a0, b2, c22); c23 = Avx512F.FusedMultiplyAdd(a0, b3, c23);
            a0 = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(a0, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a0, b1, c31); c32 = Avx512F.FusedMultiplyAdd(a0, b2, c32); c33 = Avx512F.FusedMultiplyAdd(a0, b3, c33);
            a0 = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(a0, b0, c40); c41 = Avx512F.FusedMultiplyAdd(a0, b1, c41); c42 = Avx512F.FusedMultiplyAdd(a0, b2, c42); c43 = Avx512F.FusedMultiplyAdd(a0, b3, c43);
            a0 = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(a0, b0, c50); c51 = Avx512F.FusedMultiplyAdd(a0, b1, c51); c52 = Avx512F.FusedMultiplyAdd(a0, b2, c52); c53 = Avx512F.FusedMultiplyAdd(a0, b3, c53);
        }
        Store(c + 0 * ldc, c00, c01, c02, c03, accumulate);
        Store(c + 1 * ldc, c10, c11, c12, c13, accumulate);
        Store(c + 2 * ldc, c20, c21, c22, c23, accumulate);
        Store(c + 3 * ldc, c30, c31, c32, c33, accumulate);
        Store(c + 4 * ldc, c40, c41, c42, c43, accumulate);
        Store(c + 5 * ldc, c50, c51, c52, c53, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3, bool accumulate)
    {
        if (accumulate)
        {
            v0 = Avx512F.Add(v0, Avx512F.LoadVector512(c));
            v1 = Avx512F.Add(v1, Avx512F.LoadVector512(c + 16));
            v2 = Avx512F.Add(v2, Avx512F.LoadVector512(c + 32));
            v3 = Avx512F.Add(v3, Avx512F.LoadVector512(c + 48));
        }
        Avx512F.Store(c, v0);
        Avx512F.Store(c + 16, v1);
        Avx512F.Store(c + 32, v2);
        Avx512F.Store(c + 48, v3);
    }
}
