using System.Runtime.CompilerServices;

namespace Graph.Ops.Kernels;

/// <summary>
/// The Goto/BLIS loop nest around the micro-kernel for one rectangle of C: for each NC column block and KC slice,
/// pack op(B) once, then for each MC row block pack op(A) and sweep NR×MR tiles (B̃ micro-panel in L1, Ã in L2).
/// Beta is applied on the first K slice and the epilogue on the last, each on a tile that was just written.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>K slice (Ã micro-panel 6·KC floats, B̃ micro-panel 16·KC floats = 16 KiB stay in L1).</summary>
    public const int KC = 256;

    /// <summary>Rows of Ã per block (120·256·4 = 120 KiB in L2).</summary>
    public const int MC = 120;

    /// <summary>Columns of B̃ per block (256·1024·4 = 1 MiB, streamed from L2/L3).</summary>
    public const int NC = 1024;

    /// <summary>Below this m·n·k one thread is faster than waking another.</summary>
    public const long ParallelThreshold = 2_000_000;

    private const int MR = GemmKernelAvx2.MR;
    private const int NR = GemmKernelAvx2.NR;

    /// <summary>Computes all of C, on several threads when the product is large enough.</summary>
    public static void Run(in GemmArgs g)
    {
        if ((long)g.M * g.N * g.K >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            GemmThreadPool pool = GemmThreadPool.Shared;
            GemmThreadPool.ChooseGrid(g.M, g.N, pool.Threads, out int rowStep, out int colStep);
            if ((rowStep < g.M || colStep < g.N) && pool.TryRun(g, rowStep, colStep))
                return;
        }
        RunChunk(g, 0, g.M, 0, g.N);
    }

    /// <summary>Computes C[r0..r1, c0..c1] completely (all of K) on the calling thread.</summary>
    public static void RunChunk(in GemmArgs g, int r0, int r1, int c0, int c1)
    {
        GemmScratch s = GemmScratch.ForCurrentThread;
        bool avx = FastMath256.IsSupported;
        // Equal blocks (rounded to the register tile) instead of full blocks plus a thin remainder.
        int kcStep = CeilDiv(g.K, CeilDiv(g.K, KC));
        int mcStep = RoundUp(CeilDiv(r1 - r0, CeilDiv(r1 - r0, MC)), MR);
        int ncStep = RoundUp(CeilDiv(c1 - c0, CeilDiv(c1 - c0, NC)), NR);
        for (int jc = c0; jc < c1; jc += ncStep)
        {
            int nc = Math.Min(ncStep, c1 - jc);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                int kc = Math.Min(kcStep, g.K - pc);
                GemmPack.PackB(g, pc, kc, jc, nc, s.B, avx);
                bool first = pc == 0, last = pc + kc == g.K;
                for (int ic = r0; ic < r1; ic += mcStep)
                {
                    int mc = Math.Min(mcStep, r1 - ic);
                    GemmPack.PackA(g, ic, mc, pc, kc, s.A, avx);
                    Macro(g, s, ic, mc, jc, nc, kc, first, last, avx);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(in GemmArgs g, GemmScratch s, int ic, int mc, int jc, int nc, int kc, bool first, bool last, bool avx)
    {
        bool accumulate = !first || g.Beta != 0f;
        bool scale = first && g.Beta != 0f && g.Beta != 1f;
        bool epilogue = last && g.HasEpilogue;
        for (int jr = 0; jr < nc; jr += NR)
        {
            int nr = Math.Min(NR, nc - jr);
            float* bp = s.B + (nint)(jr / NR) * kc * NR;
            for (int ir = 0; ir < mc; ir += MR)
            {
                int mr = Math.Min(MR, mc - ir);
                float* ap = s.A + (nint)(ir / MR) * kc * MR;
                float* cp = g.C + (ic + ir) * g.Ldc + jc + jr;
                if (scale)
                    GemmTile.Scale(cp, g.Ldc, mr, nr, g.Beta);
                if (mr == MR && nr == NR)
                {
                    if (avx) GemmKernelAvx2.Kernel(kc, ap, bp, cp, g.Ldc, accumulate);
                    else GemmKernelPortable.Kernel(kc, ap, bp, cp, g.Ldc, accumulate);
                }
                else
                {
                    // Edge tile: the packed zeros make a full tile valid, so compute it into scratch and keep the
                    // part inside C.
                    if (avx) GemmKernelAvx2.Kernel(kc, ap, bp, s.Tile, NR, false);
                    else GemmKernelPortable.Kernel(kc, ap, bp, s.Tile, NR, false);
                    GemmTile.Merge(s.Tile, NR, cp, g.Ldc, mr, nr, accumulate);
                }
                if (epilogue)
                    GemmTile.Epilogue(cp, g.Ldc, mr, nr, g.Bias == null ? null : g.Bias + jc + jr, g.Activation);
            }
        }
    }

    internal static int CeilDiv(int a, int b) => (a + b - 1) / b;

    internal static int RoundUp(int a, int multiple) => CeilDiv(a, multiple) * multiple;
}
