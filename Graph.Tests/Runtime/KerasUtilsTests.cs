using Graph.Runtime.Utils;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>The examples of Keras's documentation for to_categorical and pad_sequences.</summary>
public sealed class KerasUtilsTests
{
    private static readonly int[][] Sequences = [[1], [2, 3], [4, 5, 6]];

    [Test]
    public void ToCategorical_KerasDocExample_Identity()
    {
        var y = KerasUtils.ToCategorical([0, 1, 2, 3], numClasses: 4);

        Assert.That(y.Lengths.ToArray(), Is.EqualTo(new nint[] { 4, 4 }));
        Assert.That(y.ToArray(), Is.EqualTo(new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }));
    }

    [Test]
    public void ToCategorical_NoClassCount_MaxPlusOne()
    {
        var y = KerasUtils.ToCategorical([2, 0]);

        Assert.That(y.Lengths.ToArray(), Is.EqualTo(new nint[] { 2, 3 }));
        Assert.That(y.ToArray(), Is.EqualTo(new float[] { 0, 0, 1, 1, 0, 0 }));
    }

    [Test]
    public void ToCategorical_LabelOutOfRange_Throws()
    {
        Assert.That(() => KerasUtils.ToCategorical([0, 5], 3), Throws.ArgumentException.With.Message.Contains("Label 5 at index 1"));
        Assert.That(() => KerasUtils.ToCategorical([-1], 3), Throws.ArgumentException);
    }

    [Test]
    public void PadSequences_Defaults_PrePadded()
    {
        var x = KerasUtils.PadSequences(Sequences);

        Assert.That(x.Lengths.ToArray(), Is.EqualTo(new nint[] { 3, 3 }));
        Assert.That(x.ToArray(), Is.EqualTo(new[] { 0, 0, 1, 0, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void PadSequences_Value_FillsWithIt()
    {
        Assert.That(KerasUtils.PadSequences(Sequences, value: -1).ToArray(), Is.EqualTo(new[] { -1, -1, 1, -1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void PadSequences_PostPadding_ValuesFirst()
    {
        Assert.That(KerasUtils.PadSequences(Sequences, padding: "post").ToArray(), Is.EqualTo(new[] { 1, 0, 0, 2, 3, 0, 4, 5, 6 }));
    }

    [Test]
    public void PadSequences_MaxLen_TruncatesFromStartByDefault()
    {
        var x = KerasUtils.PadSequences(Sequences, maxLen: 2);

        Assert.That(x.Lengths.ToArray(), Is.EqualTo(new nint[] { 3, 2 }));
        Assert.That(x.ToArray(), Is.EqualTo(new[] { 0, 1, 2, 3, 5, 6 }));
    }

    [Test]
    public void PadSequences_PostTruncatingAndEmptySequence()
    {
        var x = KerasUtils.PadSequences([[4, 5, 6], []], maxLen: 2, padding: "post", truncating: "post", value: 9);

        Assert.That(x.ToArray(), Is.EqualTo(new[] { 4, 5, 9, 9 }));
    }

    [Test]
    public void PadSequences_UnknownModes_KerasWordings()
    {
        Assert.That(() => KerasUtils.PadSequences(Sequences, padding: "middle"),
            Throws.ArgumentException.With.Message.StartsWith("Padding type \"middle\" not understood"));
        Assert.That(() => KerasUtils.PadSequences(Sequences, truncating: "none"),
            Throws.ArgumentException.With.Message.StartsWith("Truncating type \"none\" not understood"));
    }
}
