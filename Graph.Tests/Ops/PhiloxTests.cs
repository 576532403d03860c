using Graph.Ops.Random;
using NUnit.Framework;

namespace Graph.Tests.Ops;

public sealed class PhiloxTests
{
    // Known-answer vectors of Philox4x32-10 from the Random123 distribution (kat_vectors).
    [TestCase(0UL, 0UL, 0UL, new uint[] { 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 })]
    [TestCase(0xffffffffffffffffUL, 0xffffffffffffffffUL, 0xffffffffffffffffUL, new uint[] { 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd })]
    public void Block_KnownAnswerVectors_Match(ulong key, ulong counterLow, ulong counterHigh, uint[] expected)
    {
        var output = new uint[4];

        Philox.Block(key, counterLow, counterHigh, output);

        Assert.That(output, Is.EqualTo(expected));
    }

    [Test]
    public void Block_PiDigitsVector_Matches()
    {
        var output = new uint[4];
        ulong counterLow = 0x85a308d3_243f6a88UL, counterHigh = 0x03707344_13198a2eUL, key = 0x299f31d0_a4093822UL;

        Philox.Block(key, counterLow, counterHigh, output);

        Assert.That(output, Is.EqualTo(new uint[] { 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 }));
    }

    [Test]
    public void FillUniform_OffsetStart_MatchesSliceOfFullDraw()
    {
        var full = new float[37];
        var tail = new float[30];

        Philox.FillUniform(full, key: 9, stream: 4);
        Philox.FillUniform(tail, key: 9, stream: 4, startElement: 7);

        Assert.That(tail, Is.EqualTo(full[7..]));
        Assert.That(full, Has.All.InRange(0f, 0.99999994f));
    }

    [Test]
    public void FillUniform_LargeDraw_HasUniformMoments()
    {
        var draws = new float[200_000];

        Philox.FillUniform(draws, key: 1, stream: 0);

        double mean = draws.Average(v => (double)v);
        double variance = draws.Average(v => (v - mean) * (v - mean));
        Assert.That(mean, Is.EqualTo(0.5).Within(0.003));
        Assert.That(variance, Is.EqualTo(1.0 / 12).Within(0.002));
    }
}
