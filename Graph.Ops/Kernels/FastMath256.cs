using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Graph.Ops.Kernels;

/// <summary>
/// AVX2/FMA cores of <see cref="FastMath"/>: 8 lanes at a time. Callers check <see cref="IsSupported"/> first.
/// The polynomials and constants are identical to the scalar versions in <see cref="FastMath"/> so that the
/// vector body and the scalar path of one call agree to rounding.
/// </summary>
internal static class FastMath256
{
    /// <summary>True when the AVX2 + FMA instructions these cores need run in hardware.</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>exp(x) with about 1 ulp relative error; overflows to +∞ above ≈88.72, underflows to 0 below ≈-103.97.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // Max/Min put x second so that a NaN input is what they return (MAXPS/MINPS return the second operand
        // when either is NaN).
        x = Avx.Min(Vector256.Create(FastMath.ExpHi), Avx.Max(Vector256.Create(FastMath.ExpLo), x));
        Vector256<float> n = Avx.RoundToNearestInteger(Avx.Multiply(x, Vector256.Create(FastMath.Log2E)));
        // Cody–Waite: ln2 split in a short high part (n·C1 exact) and a correction, so r is accurate.
        Vector256<float> r = Fma.MultiplyAddNegated(n, Vector256.Create(FastMath.Ln2Hi), x);
        r = Fma.MultiplyAddNegated(n, Vector256.Create(FastMath.Ln2Lo), r);
        Vector256<float> p = Vector256.Create(FastMath.E6);
        p = Fma.MultiplyAdd(p, r, Vector256.Create(FastMath.E5));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(FastMath.E4));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(FastMath.E3));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(FastMath.E2));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(FastMath.E1));
        p = Fma.MultiplyAdd(p, Avx.Multiply(r, r), r);
        p = Avx.Add(p, Vector256.Create(1f));
        // 2^n applied in two halves so that n in [-150, 128] neither overflows the exponent field early nor
        // flushes results that are representable as subnormals.
        Vector256<int> ni = Avx.ConvertToVector256Int32(n);
        Vector256<int> n1 = Avx2.ShiftRightArithmetic(ni, 1);
        Vector256<int> n2 = Avx2.Subtract(ni, n1);
        Vector256<int> bias = Vector256.Create(127);
        Vector256<float> s1 = Avx2.ShiftLeftLogical(Avx2.Add(n1, bias), 23).AsSingle();
        Vector256<float> s2 = Avx2.ShiftLeftLogical(Avx2.Add(n2, bias), 23).AsSingle();
        return Avx.Multiply(Avx.Multiply(p, s1), s2);
    }

    /// <summary>σ(x) = 1 / (1 + exp(−x)), absolute error below 2e-7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> e = Exp(Avx.Xor(x, Vector256.Create(-0f)));
        return Avx.Divide(Vector256.Create(1f), Avx.Add(Vector256.Create(1f), e));
    }

    /// <summary>
    /// tanh(x) = sign(x)·m/(m + 2), m = expm1(2·min(|x|, 9)) (see <see cref="FastMath"/> for the method); saturates
    /// to ±1 and propagates NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> signMask = Vector256.Create(-0f);
        Vector256<float> u = Avx.Min(Vector256.Create(FastMath.TanhClamp), Avx.AndNot(signMask, x));
        u = Avx.Add(u, u);
        Vector256<float> n = Avx.RoundToNearestInteger(Avx.Multiply(u, Vector256.Create(FastMath.Log2E)));
        Vector256<float> r = Fma.MultiplyAddNegated(n, Vector256.Create(FastMath.Ln2Hi), u);
        r = Fma.MultiplyAddNegated(n, Vector256.Create(FastMath.Ln2Lo), r);
        Vector256<float> q = Vector256.Create(FastMath.Q4);
        q = Fma.MultiplyAdd(q, r, Vector256.Create(FastMath.Q3));
        q = Fma.MultiplyAdd(q, r, Vector256.Create(FastMath.Q2));
        q = Fma.MultiplyAdd(q, r, Vector256.Create(FastMath.Q1));
        q = Fma.MultiplyAdd(q, r, Vector256.Create(FastMath.Q0));
        Vector256<float> s = Fma.MultiplyAdd(q, Avx.Multiply(r, r), r);
        Vector256<float> p2 = Avx2.ShiftLeftLogical(Avx2.Add(Avx.ConvertToVector256Int32(n), Vector256.Create(127)), 23).AsSingle();
        Vector256<float> m = Fma.MultiplyAdd(p2, s, Avx.Subtract(p2, Vector256.Create(1f)));
        Vector256<float> t = Avx.Divide(m, Avx.Add(m, Vector256.Create(2f)));
        return Avx.Or(t, Avx.And(signMask, x));
    }

    /// <summary>max(x, 0); NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) => Avx.Max(Vector256<float>.Zero, x);

    /// <summary>Lane mask with the first <paramref name="count"/> lanes set (0 ≤ count ≤ 8), for masked tails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TailMask(int count) =>
        Avx2.CompareGreaterThan(Vector256.Create(count), Vector256<int>.Indices).AsSingle();
}
