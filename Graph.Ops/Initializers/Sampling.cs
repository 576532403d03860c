using Graph.Ops.Random;

namespace Graph.Ops.Initializers;

/// <summary>
/// Standard distributions drawn from <see cref="Philox"/> in float64. Element <c>j</c> depends only on
/// (key, j), so a value does not depend on how the buffer is split or ordered.
/// </summary>
internal static class Sampling
{
    private const double TwoPi = 2 * Math.PI;

    /// <summary>U[0, 1): two 32-bit words per element, 53 significant bits.</summary>
    public static void Uniform(Span<double> destination, ulong key) => Philox.FillUniform(destination, key, stream: 0);

    /// <summary>N(0, 1) by Box–Muller on the block with counter j (attempt 0).</summary>
    public static void Normal(Span<double> destination, ulong key)
    {
        Span<uint> block = stackalloc uint[4];
        for (int j = 0; j < destination.Length; j++) destination[j] = NormalAt(key, j, 0, block);
    }

    /// <summary>
    /// N(0, 1) truncated to [-2, 2]: a sample outside is redrawn (TF's <c>truncated_normal</c>), attempt <c>a</c> of
    /// element <c>j</c> using the block with counter (j, a). About 4.6% of samples need a second attempt.
    /// </summary>
    public static void TruncatedNormal(Span<double> destination, ulong key)
    {
        Span<uint> block = stackalloc uint[4];
        for (int j = 0; j < destination.Length; j++)
        {
            double z;
            ulong attempt = 0;
            do z = NormalAt(key, j, attempt++, block); while (Math.Abs(z) > 2);
            destination[j] = z;
        }
    }

    private static double NormalAt(ulong key, int element, ulong attempt, Span<uint> block)
    {
        Philox.Block(key, (ulong)element, attempt, block);
        double u1 = ToUnit(block[0], block[1]), u2 = ToUnit(block[2], block[3]);
        // 1 - u1 lies in (0, 1], so the logarithm is finite.
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(TwoPi * u2);
    }

    private static double ToUnit(uint high, uint low) => ((((ulong)high << 32) | low) >> 11) * (1.0 / (1UL << 53));
}
