using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>
/// Acceptance 3 (first half) and mask flow: masked steps carry the output and the states, so padding does not change
/// the result; masks from Embedding(maskZero) and Masking reach the recurrent layer, explicitly or through the graph.
/// </summary>
public sealed class RecurrentMaskTests : RecurrentTestBase
{
    private static readonly int[][] Sentences = [[3, 5, 7, 2], [9, 1, 4, 4, 8, 6], [12]];

    /// <summary>The seed's custom layer: an Embedding and an LSTM, the embedding's mask passed by hand.</summary>
    private sealed class Encoder(bool maskZero) : Layer
    {
        private readonly Embedding _embedding = new(20, 8, maskZero: maskZero);
        private readonly LSTM _lstm = new(6);

        protected override Node Call(Node inputs, TrainingArg training, Node? mask)
        {
            var embedded = _embedding.Apply(inputs);
            return _lstm.Apply(embedded, mask: _embedding.ComputeMask(inputs, null));
        }
    }

    private static TensorBuffer Padded(int length, bool pre)
    {
        var values = new int[Sentences.Length * length];
        for (int b = 0; b < Sentences.Length; b++)
        {
            int offset = pre ? length - Sentences[b].Length : 0;
            for (int t = 0; t < Sentences[b].Length; t++) values[b * length + offset + t] = Sentences[b][t];
        }
        return TensorBuffer.From<int>(values, Sentences.Length, length);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void CustomLayerPassingMask_PaddedTo10Or20_SameResult(bool prePadding)
    {
        var tokens = K.Placeholder([null, null], DType.Int32, name: "tokens");
        var encoder = new Encoder(maskZero: true);
        var f = K.Function([tokens], [encoder.Apply(tokens)]);

        var ten = f.Call(Padded(10, prePadding)).Buffer(0);
        var twenty = f.Call(Padded(20, prePadding)).Buffer(0);

        AssertClose(twenty, ten, 1e-6, "padding length");
        Assert.That(Values(ten).Take(6), Is.Not.EqualTo(Values(ten).Skip(6).Take(6)).Within(1e-3), "different sentences differ");
        Assert.That(encoder.Weights, Has.Count.EqualTo(4), "embeddings + the LSTM's three weights belong to the custom layer");
    }

    [Test]
    public void CustomLayerWithoutMaskZero_PaddedTo10Or20_ResultsDiffer()
    {
        var tokens = K.Placeholder([null, null], DType.Int32, name: "tokens");
        var f = K.Function([tokens], [new Encoder(maskZero: false).Apply(tokens)]);

        var ten = Values(f.Call(Padded(10, pre: false)).Buffer(0));
        var twenty = Values(f.Call(Padded(20, pre: false)).Buffer(0));

        Assert.That(twenty, Is.Not.EqualTo(ten).Within(1e-4));
    }

    [Test]
    public void MaskingLayer_ZeroSteps_SkippedLikeATruncatedSequence()
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var gru = new GRU(4, returnSequences: true);
        var masked = gru.Apply(new Masking(0).Apply(x));
        var f = K.Function([x], [masked]);
        var input = Uniform(5, 1, 1, 6, 3);
        var span = input.Span<float>();
        for (int i = 4 * 3; i < 6 * 3; i++) span[i] = 0;   // steps 4 and 5 are padding

        var full = Values(f.Call(input).Buffer(0));
        var truncated = Values(f.Call(TensorBuffer.From<float>(span[..(4 * 3)].ToArray(), 1, 4, 3)).Buffer(0));

        Assert.That(full.Take(16), Is.EqualTo(truncated).Within(1e-6), "unmasked steps");
        Assert.That(full.Skip(16).Take(4), Is.EqualTo(truncated.Skip(12)).Within(1e-6), "step 4 repeats the last output");
        Assert.That(full.Skip(20), Is.EqualTo(truncated.Skip(12)).Within(1e-6), "step 5 too");
    }

    [Test]
    public void ComputeMask_ReturnSequencesPassesMaskOtherwiseNone()
    {
        var tokens = K.Placeholder([null, null], DType.Int32, name: "tokens");
        var embedded = new Embedding(10, 4, maskZero: true).Apply(tokens);
        var sequences = new SimpleRNN(3, returnSequences: true).Apply(embedded);
        var last = new SimpleRNN(3).Apply(sequences);
        var withState = new LSTM(3, returnSequences: true, returnState: true).ApplyMultiple([embedded]);

        Assert.That(KerasHistory.MaskOf(sequences), Is.Not.Null);
        Assert.That(KerasHistory.MaskOf(last), Is.Null);
        Assert.That(withState.Select(o => KerasHistory.MaskOf(o) is not null), Is.EqualTo(new[] { true, false, false }));
        Assert.That(new Dense(2).Apply(last).Shape.Dims, Is.EqualTo(new int?[] { null, 2 }), "a non-masking layer accepts the last output");
    }

    [Test]
    public void KRnn_MaskWithoutStates_ThrowsKerasMessage()
    {
        var x = K.Placeholder([null, 4, 2], name: "x");
        var mask = K.Placeholder([null, 4], DType.Bool, name: "mask");

        foreach (bool unroll in new[] { false, true })
            Assert.That(() => K.Rnn((xt, s) => (xt, s), x, [], mask, unroll: unroll),
                Throws.ArgumentException.With.Message.StartsWith("No initial states provided! When using masking in an RNN"));
    }
}
