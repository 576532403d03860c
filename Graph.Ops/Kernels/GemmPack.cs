using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>
/// Packs blocks of op(A) and op(B) into the micro-kernel layouts, absorbing transposes:
/// Ã = MR-row panels (panel p at p·kc·MR, k-major, MR floats per k), B̃ = NR-column panels (panel p at p·kc·NR,
/// k-major, NR floats per k). Rows/columns past the matrix edge are zero so edge tiles need no special kernel.
/// </summary>
/// <remarks>
/// Packing speed decides mid-size shapes: where a panel is a transpose of memory, 8×8 AVX register transposes
/// do it (4–7× faster than element loops on this machine).
/// </remarks>
internal static unsafe class GemmPack
{
    private const int MR = GemmBlocking.MR;

    /// <summary>
    /// Packs op(B)[pc..pc+kc, jc..jc+nc] into B̃ panels <paramref name="width"/> columns wide (a multiple of 16) at
    /// <paramref name="dst"/> (64-byte aligned).
    /// </summary>
    public static void PackB(in GemmArgs g, int pc, int kc, int jc, int nc, int width, float* dst, bool avx)
    {
        for (int j = 0; j < nc; j += width, dst += kc * width)
        {
            int nr = Math.Min(width, nc - j);
            if (!g.TransB)
            {
                float* src = g.B + pc * g.Ldb + jc + j;
                if (nr == width && avx)
                    CopyRows(src, g.Ldb, kc, width, dst);
                else
                    for (int k = 0; k < kc; k++)
                        for (int jj = 0; jj < width; jj++)
                            dst[k * width + jj] = jj < nr ? src[k * g.Ldb + jj] : 0f;
            }
            else
            {
                float* src = g.B + (jc + j) * g.Ldb + pc;
                int k = 0;
                if (nr == width && avx)
                {
                    for (; k + 8 <= kc; k += 8)
                        for (int jj = 0; jj < width; jj += 8)
                            Transpose8x8(src + jj * g.Ldb + k, g.Ldb, 8, dst + k * width + jj, width);
                }
                for (; k < kc; k++)
                    for (int jj = 0; jj < width; jj++)
                        dst[k * width + jj] = jj < nr ? src[jj * g.Ldb + k] : 0f;
            }
        }
    }

    /// <summary>
    /// Packs op(A)[ic..ic+mc, pc..pc+kc] into Ã at <paramref name="dst"/>. Vector stores may write up to 2 floats
    /// past a panel (later overwritten by the next panel), so the buffer has slack after its end.
    /// </summary>
    public static void PackA(in GemmArgs g, int ic, int mc, int pc, int kc, float* dst, bool avx)
    {
        for (int i = 0; i < mc; i += MR, dst += kc * MR)
        {
            int mr = Math.Min(MR, mc - i);
            if (!g.TransA)
            {
                float* src = g.A + (ic + i) * g.Lda + pc;
                int k = 0;
                if (mr == MR && avx)
                    for (; k + 8 <= kc; k += 8)
                        Transpose8x8(src + k, g.Lda, MR, dst + k * MR, MR);
                for (; k < kc; k++)
                    for (int ii = 0; ii < MR; ii++)
                        dst[k * MR + ii] = ii < mr ? src[ii * g.Lda + k] : 0f;
            }
            else
            {
                float* src = g.A + pc * g.Lda + ic + i;
                // An 8-float load must stay inside the stored row, whose length is m.
                if (mr == MR && avx && ic + i + 8 <= g.M)
                    for (int k = 0; k < kc; k++)
                        Avx.Store(dst + k * MR, Avx.LoadVector256(src + k * g.Lda));
                else
                    for (int k = 0; k < kc; k++)
                        for (int ii = 0; ii < MR; ii++)
                            dst[k * MR + ii] = ii < mr ? src[k * g.Lda + ii] : 0f;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRows(float* src, nint ld, int kc, int width, float* dst)
    {
        for (int k = 0; k < kc; k++, src += ld, dst += width)
            for (int j = 0; j < width; j += 16)
            {
                Avx.StoreAligned(dst + j, Avx.LoadVector256(src + j));
                Avx.StoreAligned(dst + j + 8, Avx.LoadVector256(src + j + 8));
            }
    }

    /// <summary>
    /// Reads 8 floats from each of <paramref name="rows"/> rows (rows past that repeat the last one; their lanes
    /// are overwritten or ignored) and writes column c of that block as 8 floats at dst + c·dstStride, in
    /// increasing c so that overlapping stores (dstStride 6) keep the right values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, int rows, float* dst, nint dstStride)
    {
        int last = rows - 1;
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + Math.Min(1, last) * srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + Math.Min(2, last) * srcStride);
        Vector256<float> r3 = Avx.LoadVector256(src + Math.Min(3, last) * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + Math.Min(4, last) * srcStride);
        Vector256<float> r5 = Avx.LoadVector256(src + Math.Min(5, last) * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + Math.Min(6, last) * srcStride);
        Vector256<float> r7 = Avx.LoadVector256(src + Math.Min(7, last) * srcStride);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
