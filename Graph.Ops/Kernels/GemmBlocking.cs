using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>Which micro-kernel the float32 GEMM runs.</summary>
internal enum GemmIsa
{
    /// <summary><see cref="GemmKernelPortable"/>, 6×16, anywhere.</summary>
    Portable,

    /// <summary><see cref="GemmKernelAvx2"/>, 6×16, AVX2 + FMA.</summary>
    Avx2,

    /// <summary><see cref="GemmKernelAvx512"/>, 6×64, AVX-512 at full width.</summary>
    Avx512,
}

/// <summary>
/// The micro-kernel and cache blocking for this machine, chosen once at start-up from the instruction sets the
/// runtime reports (DOTNET_EnableAVX512=0 / DOTNET_EnableAVX2=0 select the narrower paths).
/// </summary>
/// <param name="Isa">The micro-kernel.</param>
/// <param name="NR">Columns of a micro-tile (and of a B̃ micro-panel).</param>
/// <param name="KC">K slice: a B̃ micro-panel (KC·NR floats: 32 KiB for AVX-512) should stay in L1.</param>
/// <param name="MC">Rows of Ã per block (MC·KC floats in L2).</param>
/// <param name="NC">Columns of B̃ per block (KC·NC floats, streamed from L2/L3).</param>
internal readonly record struct GemmBlocking(GemmIsa Isa, int NR, int KC, int MC, int NC)
{
    /// <summary>Rows of a micro-tile (and of an Ã micro-panel), the same for every kernel.</summary>
    public const int MR = 6;

    /// <summary>Widest NR of any kernel (sizes the edge-tile scratch).</summary>
    public const int MaxNR = GemmKernelAvx512.NR;

    /// <summary>The blocking used by this process.</summary>
    public static GemmBlocking Current { get; } = Select();

    private static GemmBlocking Select()
    {
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
            return new GemmBlocking(GemmIsa.Avx512, GemmKernelAvx512.NR, KC: 128, MC: 240, NC: 2048);
        if (Avx2.IsSupported && Fma.IsSupported)
            return new GemmBlocking(GemmIsa.Avx2, GemmKernelAvx2.NR, KC: 256, MC: 120, NC: 1024);
        return new GemmBlocking(GemmIsa.Portable, GemmKernelAvx2.NR, KC: 256, MC: 120, NC: 1024);
    }
}
