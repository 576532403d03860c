using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Graph.Ops.Kernels;

namespace Graph.Ops.Recurrent;

/// <summary>
/// The fused gate kernels of the common float32 configuration (sigmoid gates, tanh activation): one pass over a
/// row of units computing every gate, the new states and the output (forward), or every gate's gradient (backward),
/// 16 lanes with AVX-512, 8 with AVX2/FMA, FastMath's sigmoid/tanh (the Sigmoid/Tanh ops' kernels) and a scalar tail
/// with the same functions. Derivatives come from the saved activations: σ′ = σ(1 − σ), tanh′ = 1 − tanh².
/// </summary>
/// <remarks>
/// NOTE: exists for speed: the per-row span calls it replaces cost about 480 ns per row of 128 units (2.4 ms of a
/// 64×80 LSTM forward), mostly call overhead and re-reading the row.
/// </remarks>
internal static unsafe class GateKernels
{
    /// <summary>True when the vector kernels can run (else the generic span path is used).</summary>
    public static bool IsSupported => FastMath256.IsSupported;

    /// <summary>
    /// LSTM step of one row: <c>z = x + z</c> (z holds h·W), gates i, f, g, o activated in place,
    /// <c>c = f·c_in + i·g</c>, <c>h = o·tanh(c)</c> written to both <paramref name="h"/> and <paramref name="hNext"/>.
    /// </summary>
    public static void LstmForward(float* x, float* z, float* cIn, float* c, float* h, float* hNext, int units)
    {
        if (FastMath512.IsSupported) LstmForward<Lanes512, Vector512<float>>(x, z, cIn, c, h, hNext, units);
        else LstmForward<Lanes256, Vector256<float>>(x, z, cIn, c, h, hNext, units);
    }

    /// <summary>
    /// LSTM backward of one kept row: <c>dh = dh_state + d_out (+ d_seq)</c>, d_out cleared, the gate gradients into
    /// <paramref name="dz"/> (<c>[d_i, d_f, d_g, d_o]</c>) and <c>dc ← (dc + dh·o·tanh′(c))·f</c>.
    /// </summary>
    public static void LstmBackward(float* gates, float* c, float* cIn, float* dh, float* dOut, float* dSeq, float* dc, float* dz, int units)
    {
        if (FastMath512.IsSupported) LstmBackward<Lanes512, Vector512<float>>(gates, c, cIn, dh, dOut, dSeq, dc, dz, units);
        else LstmBackward<Lanes256, Vector256<float>>(gates, c, cIn, dh, dOut, dSeq, dc, dz, units);
    }

    /// <summary>
    /// GRU (reset_after) step of one row: <c>u += b_rec</c> in place (<paramref name="bias"/> may be null),
    /// <c>z, r = σ(x + u)</c>, <c>ĥ = tanh(x_h + r·u_h)</c> into <paramref name="g"/>, <c>h = ĥ + z·(h_in − ĥ)</c> to
    /// <paramref name="h"/> and <paramref name="hNext"/>.
    /// </summary>
    public static void GruForward(float* x, float* u, float* bias, float* g, float* hIn, float* h, float* hNext, int units)
    {
        if (FastMath512.IsSupported) GruForward<Lanes512, Vector512<float>>(x, u, bias, g, hIn, h, hNext, units);
        else GruForward<Lanes256, Vector256<float>>(x, u, bias, g, hIn, h, hNext, units);
    }

    /// <summary>
    /// GRU backward of one kept row: <c>dh = dh_state + d_out (+ d_seq)</c>, d_out cleared; the projected inputs'
    /// gradient <c>[d_z, d_r, d_ĥ]</c> into <paramref name="dx"/>, the recurrent products' <c>[d_z, d_r, d_ĥ·r]</c> into
    /// <paramref name="du"/>, and <c>dh ← dh·z</c> (the GEMM adds <c>d_u·Wᵀ</c> afterwards).
    /// </summary>
    public static void GruBackward(float* g, float* u, float* hIn, float* dh, float* dOut, float* dSeq, float* dx, float* du, int units)
    {
        if (FastMath512.IsSupported) GruBackward<Lanes512, Vector512<float>>(g, u, hIn, dh, dOut, dSeq, dx, du, units);
        else GruBackward<Lanes256, Vector256<float>>(g, u, hIn, dh, dOut, dSeq, dx, du, units);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LstmForward<TL, TV>(float* x, float* z, float* cIn, float* c, float* h, float* hNext, int units)
        where TL : struct, ILanes<TV> where TV : struct
    {
        int j = 0;
        for (; j + TL.Count <= units; j += TL.Count)
        {
            TV i = TL.Sigmoid(TL.Add(TL.Load(x + j), TL.Load(z + j)));
            TV f = TL.Sigmoid(TL.Add(TL.Load(x + units + j), TL.Load(z + units + j)));
            TV g = TL.Tanh(TL.Add(TL.Load(x + 2 * units + j), TL.Load(z + 2 * units + j)));
            TV o = TL.Sigmoid(TL.Add(TL.Load(x + 3 * units + j), TL.Load(z + 3 * units + j)));
            TL.Store(i, z + j);
            TL.Store(f, z + units + j);
            TL.Store(g, z + 2 * units + j);
            TL.Store(o, z + 3 * units + j);
            TV cv = TL.Fma(f, TL.Load(cIn + j), TL.Mul(i, g));
            TL.Store(cv, c + j);
            TV hv = TL.Mul(o, TL.Tanh(cv));
            TL.Store(hv, h + j);
            TL.Store(hv, hNext + j);
        }
        for (; j < units; j++)
        {
            float i = FastMath.Sigmoid(x[j] + z[j]), f = FastMath.Sigmoid(x[units + j] + z[units + j]);
            float g = FastMath.Tanh(x[2 * units + j] + z[2 * units + j]), o = FastMath.Sigmoid(x[3 * units + j] + z[3 * units + j]);
            (z[j], z[units + j], z[2 * units + j], z[3 * units + j]) = (i, f, g, o);
            c[j] = MathF.FusedMultiplyAdd(f, cIn[j], i * g);
            h[j] = hNext[j] = o * FastMath.Tanh(c[j]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LstmBackward<TL, TV>(float* gates, float* c, float* cIn, float* dh, float* dOut, float* dSeq, float* dc, float* dz, int units)
        where TL : struct, ILanes<TV> where TV : struct
    {
        TV one = TL.One, zero = TL.Zero;
        int j = 0;
        for (; j + TL.Count <= units; j += TL.Count)
        {
            TV d = TL.Add(TL.Load(dh + j), TL.Load(dOut + j));
            if (dSeq != null) d = TL.Add(d, TL.Load(dSeq + j));
            TL.Store(zero, dOut + j);
            TV i = TL.Load(gates + j), f = TL.Load(gates + units + j), g = TL.Load(gates + 2 * units + j), o = TL.Load(gates + 3 * units + j);
            TV tc = TL.Tanh(TL.Load(c + j));
            TL.Store(TL.Mul(TL.Mul(d, tc), TL.Mul(o, TL.Sub(one, o))), dz + 3 * units + j);
            TV dcv = TL.Fma(TL.Mul(d, o), TL.Sub(one, TL.Mul(tc, tc)), TL.Load(dc + j));
            TL.Store(TL.Mul(TL.Mul(dcv, g), TL.Mul(i, TL.Sub(one, i))), dz + j);
            TL.Store(TL.Mul(TL.Mul(dcv, TL.Load(cIn + j)), TL.Mul(f, TL.Sub(one, f))), dz + units + j);
            TL.Store(TL.Mul(TL.Mul(dcv, i), TL.Sub(one, TL.Mul(g, g))), dz + 2 * units + j);
            TL.Store(TL.Mul(dcv, f), dc + j);
        }
        for (; j < units; j++)
        {
            float d = dh[j] + dOut[j] + (dSeq != null ? dSeq[j] : 0f);
            dOut[j] = 0f;
            float i = gates[j], f = gates[units + j], g = gates[2 * units + j], o = gates[3 * units + j];
            float tc = FastMath.Tanh(c[j]);
            dz[3 * units + j] = d * tc * (o * (1f - o));
            float dcv = MathF.FusedMultiplyAdd(d * o, 1f - tc * tc, dc[j]);
            dz[j] = dcv * g * (i * (1f - i));
            dz[units + j] = dcv * cIn[j] * (f * (1f - f));
            dz[2 * units + j] = dcv * i * (1f - g * g);
            dc[j] = dcv * f;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GruForward<TL, TV>(float* x, float* u, float* bias, float* g, float* hIn, float* h, float* hNext, int units)
        where TL : struct, ILanes<TV> where TV : struct
    {
        int j = 0;
        for (; j + TL.Count <= units; j += TL.Count)
        {
            TV uz = TL.Load(u + j), ur = TL.Load(u + units + j), uh = TL.Load(u + 2 * units + j);
            if (bias != null)
            {
                uz = TL.Add(uz, TL.Load(bias + j));
                ur = TL.Add(ur, TL.Load(bias + units + j));
                uh = TL.Add(uh, TL.Load(bias + 2 * units + j));
                TL.Store(uz, u + j);
                TL.Store(ur, u + units + j);
                TL.Store(uh, u + 2 * units + j);
            }
            TV z = TL.Sigmoid(TL.Add(TL.Load(x + j), uz));
            TV r = TL.Sigmoid(TL.Add(TL.Load(x + units + j), ur));
            TV hh = TL.Tanh(TL.Fma(r, uh, TL.Load(x + 2 * units + j)));
            TL.Store(z, g + j);
            TL.Store(r, g + units + j);
            TL.Store(hh, g + 2 * units + j);
            TV hv = TL.Fma(z, TL.Sub(TL.Load(hIn + j), hh), hh);
            TL.Store(hv, h + j);
            TL.Store(hv, hNext + j);
        }
        for (; j < units; j++)
        {
            if (bias != null)
            {
                u[j] += bias[j];
                u[units + j] += bias[units + j];
                u[2 * units + j] += bias[2 * units + j];
            }
            float z = FastMath.Sigmoid(x[j] + u[j]), r = FastMath.Sigmoid(x[units + j] + u[units + j]);
            float hh = FastMath.Tanh(MathF.FusedMultiplyAdd(r, u[2 * units + j], x[2 * units + j]));
            (g[j], g[units + j], g[2 * units + j]) = (z, r, hh);
            h[j] = hNext[j] = MathF.FusedMultiplyAdd(z, hIn[j] - hh, hh);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GruBackward<TL, TV>(float* g, float* u, float* hIn, float* dh, float* dOut, float* dSeq, float* dx, float* du, int units)
        where TL : struct, ILanes<TV> where TV : struct
    {
        TV one = TL.One, zero = TL.Zero;
        int j = 0;
        for (; j + TL.Count <= units; j += TL.Count)
        {
            TV d = TL.Add(TL.Load(dh + j), TL.Load(dOut + j));
            if (dSeq != null) d = TL.Add(d, TL.Load(dSeq + j));
            TL.Store(zero, dOut + j);
            TV z = TL.Load(g + j), r = TL.Load(g + units + j), hh = TL.Load(g + 2 * units + j);
            TV dZ = TL.Mul(TL.Mul(d, TL.Sub(TL.Load(hIn + j), hh)), TL.Mul(z, TL.Sub(one, z)));
            TV dHH = TL.Mul(TL.Sub(d, TL.Mul(d, z)), TL.Sub(one, TL.Mul(hh, hh)));
            TV dR = TL.Mul(TL.Mul(dHH, TL.Load(u + 2 * units + j)), TL.Mul(r, TL.Sub(one, r)));
            TL.Store(dZ, dx + j);
            TL.Store(dR, dx + units + j);
            TL.Store(dHH, dx + 2 * units + j);
            TL.Store(dZ, du + j);
            TL.Store(dR, du + units + j);
            TL.Store(TL.Mul(dHH, r), du + 2 * units + j);
            TL.Store(TL.Mul(d, z), dh + j);
        }
        for (; j < units; j++)
        {
            float d = dh[j] + dOut[j] + (dSeq != null ? dSeq[j] : 0f);
            dOut[j] = 0f;
            float z = g[j], r = g[units + j], hh = g[2 * units + j];
            float dZ = d * (hIn[j] - hh) * (z * (1f - z));
            float dHH = (d - d * z) * (1f - hh * hh);
            float dR = dHH * u[2 * units + j] * (r * (1f - r));
            (dx[j], dx[units + j], dx[2 * units + j]) = (dZ, dR, dHH);
            (du[j], du[units + j], du[2 * units + j]) = (dZ, dR, dHH * r);
            dh[j] = d * z;
        }
    }

    /// <summary>The lane operations the kernels need, for one vector width.</summary>
    private interface ILanes<TV> where TV : struct
    {
        static abstract int Count { get; }
        static abstract TV One { get; }
        static abstract TV Zero { get; }
        static abstract TV Load(float* p);
        static abstract void Store(TV v, float* p);
        static abstract TV Add(TV a, TV b);
        static abstract TV Sub(TV a, TV b);
        static abstract TV Mul(TV a, TV b);
        /// <summary>a·b + c.</summary>
        static abstract TV Fma(TV a, TV b, TV c);
        static abstract TV Sigmoid(TV x);
        static abstract TV Tanh(TV x);
    }

    private readonly struct Lanes256 : ILanes<Vector256<float>>
    {
        public static int Count => 8;
        public static Vector256<float> One => Vector256<float>.One;
        public static Vector256<float> Zero => Vector256<float>.Zero;
        public static Vector256<float> Load(float* p) => Vector256.Load(p);
        public static void Store(Vector256<float> v, float* p) => v.Store(p);
        public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
        public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
        public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
        public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
        public static Vector256<float> Sigmoid(Vector256<float> x) => FastMath256.Sigmoid(x);
        public static Vector256<float> Tanh(Vector256<float> x) => FastMath256.Tanh(x);
    }

    private readonly struct Lanes512 : ILanes<Vector512<float>>
    {
        public static int Count => 16;
        public static Vector512<float> One => Vector512<float>.One;
        public static Vector512<float> Zero => Vector512<float>.Zero;
        public static Vector512<float> Load(float* p) => Vector512.Load(p);
        public static void Store(Vector512<float> v, float* p) => v.Store(p);
        public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
        public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
        public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
        public static Vector512<float> Sigmoid(Vector512<float> x) => FastMath512.Sigmoid(x);
        public static Vector512<float> Tanh(Vector512<float> x) => FastMath512.Tanh(x);
    }
}
