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
    /// tanh(x): odd minimax polynomial for |x| &lt; 0.625 (where 1 − 2/(e²ˣ+1) would cancel), otherwise
    /// sign(x)·(1 − 2/(e^{2|x|}+1)), which saturates to ±1 and propagates NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> signMask = Vector512.Create(-0f);
        Vector512<float> ax = Vector512.AndNot(x, signMask);
        Vector512<float> z = Avx512F.Multiply(x, x);
        Vector512<float> p = Vector512.Create(FastMath.T4);
        p = Avx512F.FusedMultiplyAdd(p, z, Vector512.Create(FastMath.T3));
        p = Avx512F.FusedMultiplyAdd(p, z, Vector512.Create(FastMath.T2));
        p = Avx512F.FusedMultiplyAdd(p, z, Vector512.Create(FastMath.T1));
        p = Avx512F.FusedMultiplyAdd(p, z, Vector512.Create(FastMath.T0));
        Vector512<float> small = Avx512F.FusedMultiplyAdd(Avx512F.Multiply(p, z), x, x);

        Vector512<float> e = Exp(Avx512F.Add(ax, ax));
        Vector512<float> t = Avx512F.Subtract(Vector512.Create(1f),
            Avx512F.Divide(Vector512.Create(2f), Avx512F.Add(e, Vector512.Create(1f))));
        Vector512<float> large = t | (signMask & x);

        Vector512<float> useSmall = Avx512F.CompareLessThan(ax, Vector512.Create(FastMath.TanhSmall));
        return Avx512F.BlendVariable(large, small, useSmall);
    }

    /// <summary>max(x, 0); NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x) => Avx512F.Max(Vector512<float>.Zero, x);
}
