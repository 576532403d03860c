using System.Runtime.CompilerServices;

namespace Graph.Ops.Random;

/// <summary>
/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11): a counter-based generator.
/// Block <c>i</c> of a stream is a pure function of (key, counter), so any element can be drawn independently —
/// results do not depend on thread scheduling, and a run/loop-step counter selects a fresh stream without state.
/// </summary>
public static class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform floats in [0, 1): element <c>j</c> comes from word
    /// <c>j % 4</c> of the block with counter (j / 4, stream) under <paramref name="key"/>.
    /// </summary>
    public static void FillUniform(Span<float> destination, ulong key, ulong stream, long startElement = 0)
    {
        Span<uint> block = stackalloc uint[4];
        long j = startElement;
        int i = 0;
        while (i < destination.Length)
        {
            long blockIndex = j >> 2;
            Block(key, (ulong)blockIndex, stream, block);
            for (int w = (int)(j & 3); w < 4 && i < destination.Length; w++, i++, j++)
                destination[i] = ToUnitFloat(block[w]);
        }
    }

    /// <summary>As <see cref="FillUniform(Span{float}, ulong, ulong, long)"/> with 53-bit doubles (two words per element).</summary>
    public static void FillUniform(Span<double> destination, ulong key, ulong stream, long startElement = 0)
    {
        Span<uint> block = stackalloc uint[4];
        for (int i = 0; i < destination.Length; i++)
        {
            long j = startElement + i;
            Block(key, (ulong)(j >> 1), stream, block);
            int w = (int)(j & 1) * 2;
            ulong bits = ((ulong)block[w] << 21) ^ block[w + 1];
            destination[i] = (bits & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
        }
    }

    /// <summary>A float in [0, 1) from the top 24 bits of a word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToUnitFloat(uint word) => (word >> 8) * (1.0f / (1 << 24));

    /// <summary>One Philox4x32-10 block for counter (low = <paramref name="counterLow"/>, high = <paramref name="counterHigh"/>).</summary>
    public static void Block(ulong key, ulong counterLow, ulong counterHigh, Span<uint> output)
    {
        uint c0 = (uint)counterLow, c1 = (uint)(counterLow >> 32), c2 = (uint)counterHigh, c3 = (uint)(counterHigh >> 32);
        uint k0 = (uint)key, k1 = (uint)(key >> 32);
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0, p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            c1 = (uint)p1;
            c3 = (uint)p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        output[0] = c0;
        output[1] = c1;
        output[2] = c2;
        output[3] = c3;
    }

    /// <summary>The stream id of a run counter and loop iteration: each run and each loop step draws anew.</summary>
    public static ulong Stream(long runCounter, int loopIteration) => ((ulong)runCounter << 20) ^ (uint)loopIteration;
}
