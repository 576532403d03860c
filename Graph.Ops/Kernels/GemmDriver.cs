using System.Runtime.CompilerServices;

namespace Graph.Ops.Kernels;

/// <summary>
/// The Goto/BLIS loop nest around the micro-kernel for one rectangle of C: for each NC column block and KC slice,
/// pack op(B) once, then for each MC row block pack op(A) and sweep NR×MR tiles (B̃ micro-panel in L1, Ã in L2).
/// Beta is applied on the first K slice and the epilogue on the last, each on a tile that was just written.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>Below this m·n·k one thread is faster than waking another.</summary>
    public const long ParallelThreshold = 2_000_000;

    private const int MR = GemmBlocking.MR;

    /// <summary>Computes all of C, on several threads when the product is large enough.</summary>
    public static void Run(in GemmArgs g)
    {
        if ((long)g.M * g.N * g.K >= ParallelThreshold && Environment.ProcessorCount > 1
            && GemmThreadPool.Shared is { Threads: > 1 } pool)
        {
            GemmThreadPool.ChooseGrid(g.M, g.N, g.K, pool.Threads, GemmBlocking.Current.NR, out int rowStep, out int colStep);
            if ((rowStep < g.M || colStep < g.N) && pool.TryRun(g, rowStep, colStep))
                return;
        }
        RunChunk(g, 0, g.M, 0, g.N);
    }

    /// <summary>Computes C[r0..r1, c0..c1] completely (all of K) on the calling thread.</summary>
    public static void RunChunk(in GemmArgs g, int r0, int r1, int c0, int c1)
    {
        GemmScratch s = GemmScratch.ForCurrentThread;
        GemmBlocking cfg = GemmBlocking.Current;
        bool avx = cfg.Isa != GemmIsa.Portable;
        // Equal blocks (rounded to the register tile) instead of full blocks plus a thin remainder.
        int kcStep = CeilDiv(g.K, CeilDiv(g.K, cfg.KC));
        int mcStep = RoundUp(CeilDiv(r1 - r0, CeilDiv(r1 - r0, cfg.MC)), MR);
        int ncStep = RoundUp(CeilDiv(c1 - c0, CeilDiv(c1 - c0, cfg.NC)), cfg.NR);
        for (int jc = c0; jc < c1; jc += ncStep)
        {
            int nc = Math.Min(ncStep, c1 - jc);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                int kc = Math.Min(kcStep, g.K - pc);
                GemmPack.PackB(g, pc, kc, jc, nc, cfg.NR, s.B, avx);
                bool first = pc == 0, last = pc + kc == g.K;
                for (int ic = r0; ic < r1; ic += mcStep)
                {
                    int mc = Math.Min(mcStep, r1 - ic);
                    GemmPack.PackA(g, ic, mc, pc, kc, s.A, avx);
                    Macro(g, s, cfg, ic, mc, jc, nc, kc, first, last);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(in GemmArgs g, GemmScratch s, GemmBlocking cfg, int ic, int mc, int jc, int nc, int kc,
        bool first, bool last)
    {
        bool accumulate = !first || g.Beta != 0f;
        bool scale = first && g.Beta != 0f && g.Beta != 1f;
        bool epilogue = last && g.HasEpilogue;
        int nrFull = cfg.NR;
        for (int jr = 0; jr < nc; jr += nrFull)
        {
            int nr = Math.Min(nrFull, nc - jr);
            float* bp = s.B + (nint)(jr / nrFull) * kc * nrFull;
            for (int ir = 0; ir < mc; ir += MR)
            {
                int mr = Math.Min(MR, mc - ir);
                float* ap = s.A + (nint)(ir / MR) * kc * MR;
                float* cp = g.C + (ic + ir) * g.Ldc + jc + jr;
                if (scale)
                    GemmTile.Scale(cp, g.Ldc, mr, nr, g.Beta);
                if (mr == MR && nr == nrFull)
                {
                    Kernel(cfg.Isa, kc, ap, bp, cp, g.Ldc, accumulate);
                }
                else
                {
                    // Edge tile: the packed zeros make a full tile valid, so compute it into scratch and keep the
                    // part inside C.
                    Kernel(cfg.Isa, kc, ap, bp, s.Tile, nrFull, false);
                    GemmTile.Merge(s.Tile, nrFull, cp, g.Ldc, mr, nr, accumulate);
                }
                if (epilogue)
                    GemmTile.Epilogue(cp, g.Ldc, mr, nr, g.Bias == null ? null : g.Bias + jc + jr, g.Activation);
            }
        }
    }

    private static void Kernel(GemmIsa isa, int kc, float* a, float* b, float* c, nint ldc, bool accumulate)
    {
        switch (isa)
        {
            case GemmIsa.Avx512: GemmKernelAvx512.Kernel(kc, a, b, c, ldc, accumulate); break;
            case GemmIsa.Avx2: GemmKernelAvx2.Kernel(kc, a, b, c, ldc, accumulate); break;
            default: GemmKernelPortable.Kernel(kc, a, b, c, ldc, accumulate); break;
        }
    }

    internal static int CeilDiv(int a, int b) => (a + b - 1) / b;

    internal static int RoundUp(int a, int multiple) => CeilDiv(a, multiple) * multiple;
}
