using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>
/// Operations on a small rectangle of C (a micro-tile or a GEMV result) that the kernels do not: scaling by beta,
/// merging an edge tile computed into scratch, and the bias/activation epilogue, all while the tile is in L1.
/// </summary>
internal static unsafe class GemmTile
{
    /// <summary>C[r, j] *= beta over rows × cols.</summary>
    public static void Scale(float* c, nint ldc, int rows, int cols, float beta)
    {
        for (int r = 0; r < rows; r++, c += ldc)
            for (int j = 0; j < cols; j++)
                c[j] *= beta;
    }

    /// <summary>C[r, j] = (accumulate ? C[r, j] : 0) + tile[r·tileStride + j] over rows × cols.</summary>
    public static void Merge(float* tile, nint tileStride, float* c, nint ldc, int rows, int cols, bool accumulate)
    {
        bool avx = FastMath256.IsSupported;
        for (int r = 0; r < rows; r++, c += ldc, tile += tileStride)
        {
            int j = 0;
            if (avx)
                for (; j + 8 <= cols; j += 8)
                {
                    Vector256<float> v = Avx.LoadVector256(tile + j);
                    Avx.Store(c + j, accumulate ? Avx.Add(v, Avx.LoadVector256(c + j)) : v);
                }
            for (; j < cols; j++)
                c[j] = accumulate ? c[j] + tile[j] : tile[j];
        }
    }

    /// <summary>C[r, j] = act(C[r, j] + bias[j]) over rows × cols; <paramref name="bias"/> may be null.</summary>
    public static void Epilogue(float* c, nint ldc, int rows, int cols, float* bias, GemmActivation activation)
    {
        switch (activation)
        {
            case GemmActivation.None: Rows<Identity>(c, ldc, rows, cols, bias); break;
            case GemmActivation.Relu: Rows<FastMath.ReluOp>(c, ldc, rows, cols, bias); break;
            case GemmActivation.Tanh: Rows<FastMath.TanhOp>(c, ldc, rows, cols, bias); break;
            case GemmActivation.Sigmoid: Rows<FastMath.SigmoidOp>(c, ldc, rows, cols, bias); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TOp>(float* c, nint ldc, int rows, int cols, float* bias) where TOp : struct, FastMath.IUnaryFloatOp
    {
        bool avx = FastMath256.IsSupported;
        for (int r = 0; r < rows; r++, c += ldc)
        {
            if (!avx)
            {
                for (int q = 0; q < cols; q++)
                    c[q] = TOp.Invoke(bias == null ? c[q] : c[q] + bias[q]);
                continue;
            }
            int j = 0;
            if (FastMath512.IsSupported)
                for (; j + 16 <= cols; j += 16)
                {
                    Vector512<float> v = Vector512.Load(c + j);
                    if (bias != null)
                        v += Vector512.Load(bias + j);
                    Vector512.Store(TOp.Invoke(v), c + j);
                }
            for (; j + 8 <= cols; j += 8)
            {
                Vector256<float> v = Avx.LoadVector256(c + j);
                if (bias != null)
                    v = Avx.Add(v, Avx.LoadVector256(bias + j));
                Avx.Store(c + j, TOp.Invoke(v));
            }
            if (j < cols)
            {
                // Masked-off lanes are neither read nor written (masked stores are slow on AMD, so only the tail).
                Vector256<float> mask = FastMath256.TailMask(cols - j);
                Vector256<float> v = Avx.MaskLoad(c + j, mask);
                if (bias != null)
                    v = Avx.Add(v, Avx.MaskLoad(bias + j, mask));
                Avx.MaskStore(c + j, mask, TOp.Invoke(v));
            }
        }
    }

    private readonly struct Identity : FastMath.IUnaryFloatOp
    {
        public static float Invoke(float x) => x;
        public static Vector256<float> Invoke(Vector256<float> x) => x;
        public static Vector512<float> Invoke(Vector512<float> x) => x;
    }
}
