using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>
/// AVX-512 cores of <see cref="FastMath"/>: 16 lanes at a time, used where AVX-512 runs at full width. Callers check <see cref="IsSupported"/> first.
/// The polynomials and constants are identical to the scalar versions in <see cref="FastMath"/> so that the
/// vector body and the scalar path of one call agree to rounding.
/// </summary>
internal static class FastMath512
{
    /// <summary>True when AVX-512 runs at full width in hardware.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>exp(x) with about 1 ulp relative error; overflows to +∞ above ≈88.72, underflows to 0 below ≈-103.97.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        // Max/Min put x second so that a NaN input is what they return (MAXPS/MINPS return the second operand
        // when either is NaN).
        x = Avx512F.Min(Vector512.Create(FastMath.ExpHi), Avx512F.Max(Vector512.Create(FastMath.ExpLo), x));
        Vector512<float> n = Avx512F.RoundScale(Avx512F.Multiply(x, Vector512.Create(FastMath.Log2E)), 0);
        // Cody–Waite: ln2 split in a short high part (n·C1 exact) and a correction, so r is accurate.
        Vector512<float> r = Avx512F.FusedMultiplyAddNegated(n, Vector512.Create(FastMath.Ln2Hi), x);
        r = Avx512F.FusedMultiplyAddNegated(n, Vector512.Create(FastMath.Ln2Lo), r);
        Vector512<float> p = Vector512.Create(FastMath.E6);
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(FastMath.E5));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(FastMath.E4));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(FastMath.E3));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(FastMath.E2));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(FastMath.E1));
        p = Avx512F.FusedMultiplyAdd(p, Avx512F.Multiply(r, r), r);
        p = Avx512F.Add(p, Vector512.Create(1f));
        // 2^n applied in two halves so that n in [-150, 128] neither overflows the exponent field early nor
        // flushes results that are representable as subnormals.
        Vector512<int> ni = Avx512F.ConvertToVector512Int32(n);
        Vector512<int> n1 = Avx512F.ShiftRightArithmetic(ni, 1);
        Vector512<int> n2 = Avx512F.Subtract(ni, n1);
        Vector512<int> bias = Vector512.Create(127);
        Vector512<float> s1 = Avx512F.ShiftLeftLogical(Avx512F.Add(n1, bias), 23).AsSingle();
        Vector512<float> s2 = Avx512F.ShiftLeftLogical(Avx512F.Add(n2, bias), 23).AsSingle();
        return Avx512F.Multiply(Avx512F.Multiply(p, s1), s2);
    }

    /// <summary>σ(x) = 1 / (1 + exp(−x)), absolute error below 2e-7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> e = Exp(x ^ Vector512.Create(-0f));
        return Avx512F.Divide(Vector512.Create(1f), Avx512F.Add(Vector512.Create(1f), e));
    }

    /// <summary>
    /// tanh(x) = sign(x)·m/(m + 2), m = expm1(2·min(|x|, 9)) (see <see cref="FastMath"/> for the method); saturates
    /// to ±1 and propagates NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> signMask = Vector512.Create(-0f);
        Vector512<float> u = Avx512F.Min(Vector512.Create(FastMath.TanhClamp), Vector512.AndNot(x, signMask));
        u = Avx512F.Add(u, u);
        Vector512<float> n = Avx512F.RoundScale(Avx512F.Multiply(u, Vector512.Create(FastMath.Log2E)), 0);
        Vector512<float> r = Avx512F.FusedMultiplyAddNegated(n, Vector512.Create(FastMath.Ln2Hi), u);
        r = Avx512F.FusedMultiplyAddNegated(n, Vector512.Create(FastMath.Ln2Lo), r);
        Vector512<float> q = Vector512.Create(FastMath.Q4);
        q = Avx512F.FusedMultiplyAdd(q, r, Vector512.Create(FastMath.Q3));
        q = Avx512F.FusedMultiplyAdd(q, r, Vector512.Create(FastMath.Q2));
        q = Avx512F.FusedMultiplyAdd(q, r, Vector512.Create(FastMath.Q1));
        q = Avx512F.FusedMultiplyAdd(q, r, Vector512.Create(FastMath.Q0));
        Vector512<float> s = Avx512F.FusedMultiplyAdd(q, Avx512F.Multiply(r, r), r);
        Vector512<float> p2 = Avx512F.ShiftLeftLogical(Avx512F.Add(Avx512F.ConvertToVector512Int32(n), Vector512.Create(127)), 23).AsSingle();
        Vector512<float> m = Avx512F.FusedMultiplyAdd(p2, s, Avx512F.Subtract(p2, Vector512.Create(1f)));
        Vector512<float> t = Avx512F.Divide(m, Avx512F.Add(m, Vector512.Create(2f)));
        return t | (signMask & x);
    }

    /// <summary>max(x, 0); NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x) => Avx512F.Max(Vector512<float>.Zero, x);
}
