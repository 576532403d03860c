using System.Runtime.InteropServices;

namespace Graph.Ops.Kernels;

/// <summary>
/// Per-thread packed buffers for the float32 GEMM, 64-byte aligned, allocated once per thread on first use so that
/// calls after warm-up allocate nothing. Freed by the finalizer after the owning thread has ended.
/// </summary>
internal sealed unsafe class GemmScratch
{
    [ThreadStatic]
    private static GemmScratch? t_current;

    // Slack after Ã: the packer's 8-float stores may run 2 floats past the last panel.
    private const int Slack = 16;

    private GemmScratch()
    {
        GemmBlocking cfg = GemmBlocking.Current;
        A = Alloc(cfg.MC * cfg.KC + Slack);
        B = Alloc(cfg.KC * cfg.NC + Slack);
        Tile = Alloc(GemmBlocking.MR * GemmBlocking.MaxNR);
    }

    ~GemmScratch()
    {
        NativeMemory.AlignedFree(A);
        NativeMemory.AlignedFree(B);
        NativeMemory.AlignedFree(Tile);
    }

    /// <summary>The calling thread's buffers.</summary>
    public static GemmScratch ForCurrentThread => t_current ??= new GemmScratch();

    /// <summary>Ã: up to MC×KC floats.</summary>
    public float* A { get; }

    /// <summary>B̃: up to KC×NC floats.</summary>
    public float* B { get; }

    /// <summary>One MR×NR edge tile (row stride NR).</summary>
    public float* Tile { get; }

    private static float* Alloc(int floats)
    {
        float* p = (float*)NativeMemory.AlignedAlloc((nuint)floats * sizeof(float), 64);
        new Span<float>(p, floats).Clear();
        return p;
    }
}
