namespace Graph.Ops.Random;

/// <summary>
/// Standard normal draws from Philox words by the Box–Muller transform:
/// <c>z₀ = √(−2 ln u₁)·cos 2πu₂</c>, <c>z₁ = √(−2 ln u₁)·sin 2πu₂</c> with u₁ ∈ (0, 1], u₂ ∈ [0, 1).
/// Every element is a pure function of (key, stream, element index): float32 takes 24-bit uniforms, two per pair,
/// so block j/4 serves elements 4⌊j/4⌋…+3; float64 takes 53-bit uniforms from two words each, block j/2 serving a
/// pair. Results therefore do not depend on how a fill is split across calls or threads.
/// </summary>
public static class NormalSampler
{
    private const double TwoPi = 2 * Math.PI, Inv24 = 1.0 / (1 << 24), Inv32 = 1.0 / 4294967296.0, Inv53 = 1.0 / (1UL << 53);

    /// <summary>destination[i] = mean + stddev·z for element <c>startElement + i</c>.</summary>
    public static void FillNormal(Span<float> destination, ulong key, ulong stream, double mean, double stddev, long startElement = 0)
    {
        Span<uint> block = stackalloc uint[4];
        Span<double> z = stackalloc double[4];
        long j = startElement;
        for (int i = 0; i < destination.Length;)
        {
            Philox.Block(key, (ulong)(j >> 2), stream, block);
            Pair(Unit24Open(block[0]), block[1] * Inv32, z[..2]);
            Pair(Unit24Open(block[2]), block[3] * Inv32, z[2..]);
            for (int w = (int)(j & 3); w < 4 && i < destination.Length; w++, i++, j++)
                destination[i] = (float)(mean + stddev * z[w]);
        }
    }

    /// <summary>As the float32 overload with 53-bit uniforms (two Philox words each), two normals per block.</summary>
    public static void FillNormal(Span<double> destination, ulong key, ulong stream, double mean, double stddev, long startElement = 0)
    {
        Span<uint> block = stackalloc uint[4];
        Span<double> z = stackalloc double[2];
        long j = startElement;
        for (int i = 0; i < destination.Length;)
        {
            Philox.Block(key, (ulong)(j >> 1), stream, block);
            Pair(Unit53Open(block[0], block[1]), Unit53(block[2], block[3]), z);
            for (int w = (int)(j & 1); w < 2 && i < destination.Length; w++, i++, j++)
                destination[i] = mean + stddev * z[w];
        }
    }

    /// <summary>
    /// Normals truncated to |z| &lt; 2 (TF's <c>truncated_normal</c>): element j tries blocks with counter
    /// (j + attempt·2⁴⁰, stream) and keeps the first candidate inside ±2 (four candidates per block for float32, two
    /// for float64), so each element's redraws are its own and the result is element-indexed.
    /// </summary>
    public static void FillTruncated<T>(Span<T> destination, ulong key, ulong stream, double mean, double stddev, long startElement = 0)
        where T : unmanaged, System.Numerics.IFloatingPoint<T>
    {
        Span<uint> block = stackalloc uint[4];
        Span<double> pair = stackalloc double[2];
        bool single = typeof(T) == typeof(float);
        for (int i = 0; i < destination.Length; i++)
        {
            ulong j = (ulong)(startElement + i);
            double z = double.NaN;
            for (ulong attempt = 0; double.IsNaN(z); attempt++)
            {
                Philox.Block(key, j | (attempt << 40), stream, block);
                z = FirstInside(block, pair, wide: !single);
            }
            destination[i] = T.CreateChecked(mean + stddev * z);
        }
    }

    /// <summary>The first Box–Muller candidate of a block with |z| &lt; 2 (NaN when none is).</summary>
    private static double FirstInside(ReadOnlySpan<uint> block, Span<double> z, bool wide)
    {
        int pairs = wide ? 1 : 2;
        for (int p = 0; p < pairs; p++)
        {
            double u1 = wide ? Unit53Open(block[0], block[1]) : Unit24Open(block[2 * p]);
            double u2 = wide ? Unit53(block[2], block[3]) : block[2 * p + 1] * Inv32;
            Pair(u1, u2, z);
            if (Math.Abs(z[0]) < 2) return z[0];
            if (Math.Abs(z[1]) < 2) return z[1];
        }
        return double.NaN;
    }

    /// <summary>The Box–Muller pair (r·cos θ, r·sin θ), r = √(−2 ln u₁), θ = 2πu₂.</summary>
    private static void Pair(double u1, double u2, Span<double> z)
    {
        double r = Math.Sqrt(-2 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(TwoPi * u2);
        z[0] = r * cos;
        z[1] = r * sin;
    }

    /// <summary>(0, 1] from the top 24 bits of a word (never 0, so the log is finite).</summary>
    private static double Unit24Open(uint word) => ((word >> 8) + 1) * Inv24;

    private static ulong Bits53(uint high, uint low) => (((ulong)high << 21) ^ low) & ((1UL << 53) - 1);

    private static double Unit53(uint high, uint low) => Bits53(high, low) * Inv53;

    private static double Unit53Open(uint high, uint low) => (Bits53(high, low) + 1) * Inv53;
}
