using System.Runtime.Intrinsics;

namespace Graph.Ops.Kernels;

/// <summary>
/// The portable micro-kernel with the same contract and packed layouts as <see cref="GemmKernelAvx2"/>, for machines
/// without AVX2/FMA. Accumulates in an L1-resident stack tile with Vector128 (SSE/NEON, or software elsewhere).
/// </summary>
internal static unsafe class GemmKernelPortable
{
    private const int MR = GemmKernelAvx2.MR;
    private const int NR = GemmKernelAvx2.NR;

    /// <summary>C[0..6, 0..16] (row stride ldc) = (accumulate ? C : 0) + Σ_k Ã[k, r]·B̃[k, j].</summary>
    public static void Kernel(int kc, float* a, float* b, float* c, nint ldc, bool accumulate)
    {
        float* acc = stackalloc float[MR * NR];
        new Span<float>(acc, MR * NR).Clear();
        for (int k = 0; k < kc; k++, a += MR, b += NR)
        {
            Vector128<float> b0 = Vector128.Load(b), b1 = Vector128.Load(b + 4);
            Vector128<float> b2 = Vector128.Load(b + 8), b3 = Vector128.Load(b + 12);
            for (int r = 0; r < MR; r++)
            {
                Vector128<float> ar = Vector128.Create(a[r]);
                float* row = acc + r * NR;
                Vector128.Store(Vector128.Load(row) + ar * b0, row);
                Vector128.Store(Vector128.Load(row + 4) + ar * b1, row + 4);
                Vector128.Store(Vector128.Load(row + 8) + ar * b2, row + 8);
                Vector128.Store(Vector128.Load(row + 12) + ar * b3, row + 12);
            }
        }
        for (int r = 0; r < MR; r++)
        {
            float* dst = c + r * ldc;
            float* src = acc + r * NR;
            for (int j = 0; j < NR; j++)
                dst[j] = accumulate ? dst[j] + src[j] : src[j];
        }
    }
}
