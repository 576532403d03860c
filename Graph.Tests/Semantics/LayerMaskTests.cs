using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Tests.Layers;
using NUnit.Framework;

namespace Graph.Tests.Semantics;

/// <summary>
/// Semantics 4, masks: Embedding(maskZero) gives input ≠ 0; Masking(v) gives any(input ≠ v, last axis) and zeroes
/// masked steps; GlobalAveragePooling1D averages only valid steps; a layer without mask support that receives a mask
/// throws naming the layer; a layer that does not change the mask passes it through.
/// </summary>
public sealed class LayerMaskTests : LayerTestBase
{
    private static readonly float[] Tokens = [1, 0, 3, 0, 0, 2];

    [Test]
    public void Embedding_MaskZero_MaskIsInputNotEqualZero()
    {
        var input = new Input([3]);
        var embedded = new Embedding(5, 2, maskZero: true).Apply(input);

        var mask = KerasHistory.MaskOf(embedded)!;
        var values = K.Function([input], [mask]).Call(Tensor2D(2, 3, i => Tokens[i])).Get<bool>(0).ToArray();

        Assert.That(mask.DType, Is.EqualTo(DType.Bool));
        Assert.That(values, Is.EqualTo(new[] { true, false, true, false, false, true }));
    }

    [Test]
    public void Embedding_NoMaskZero_NoMask()
    {
        var input = new Input([3]);

        Assert.That(KerasHistory.MaskOf(new Embedding(5, 2).Apply(input)), Is.Null);
    }

    [Test]
    public void Masking_StepEqualToMaskValue_IsMaskedAndZeroed()
    {
        var input = new Input([3, 2]);
        var masked = new Masking(-1).Apply(input);
        float[] steps = [1, 2, -1, -1, -1, 5];
        var f = K.Function([input], [masked, KerasHistory.MaskOf(masked)!]);

        var result = f.Call(Tensor.Create(steps, [1, 3, 2]));

        Assert.That(result.Get<bool>(1).ToArray(), Is.EqualTo(new[] { true, false, true }));
        Assert.That(result[0].ToArray(), Is.EqualTo(new float[] { 1, 2, 0, 0, -1, 5 }));
    }

    [Test]
    public void GlobalAveragePooling1D_Masked_AveragesOnlyValidSteps()
    {
        var input = new Input([3, 2]);
        var pooled = new GlobalAveragePooling1D().Apply(new Masking(0).Apply(input));
        float[] steps = [1, 2, 0, 0, 4, 8];

        var values = Run(input, pooled, Tensor.Create(steps, [1, 3, 2]));

        Assert.That(values, Is.EqualTo(new float[] { 2.5f, 5 }));
        Assert.That(KerasHistory.MaskOf(pooled), Is.Null);
    }

    [Test]
    public void GlobalAveragePooling1D_AfterEmbeddingMaskZero_IgnoresPadding()
    {
        var input = new Input([3]);
        var embedding = new Embedding(4, 1, maskZero: true);
        var pooled = new GlobalAveragePooling1D().Apply(embedding.Apply(input));
        Set(embedding.Embeddings, 100, 1, 2, 3);

        var values = Run(input, pooled, Tensor2D(2, 3, i => Tokens[i]));

        Assert.That(values, Is.EqualTo(new float[] { 2, 2 }), "mean of rows 1 and 3 = 2; then of row 2 alone = 2");
    }

    [Test]
    public void GlobalMaxPooling1D_Masked_IgnoresMaskedSteps()
    {
        var input = new Input([3, 1]);
        var pooled = new GlobalMaxPooling1D().Apply(new Masking(9).Apply(input));

        var values = Run(input, pooled, Tensor.Create(new float[] { -3, 9, -5 }, [1, 3, 1]));

        Assert.That(values, Is.EqualTo(new float[] { -3 }), "the zeroed masked step (0) must not win");
    }

    [Test]
    public void Mask_ToLayerWithoutMaskSupport_ThrowsNamingTheLayer()
    {
        var input = new Input([3, 2]);
        var masked = new Masking().Apply(input);

        Assert.That(() => new Flatten().Apply(masked),
            Throws.ArgumentException.With.Message.StartsWith("Layer flatten does not support masking, but was passed an input_mask: "));
    }

    [Test]
    public void Mask_ThroughLayersThatKeepIt_PassesUnchanged()
    {
        var input = new Input([3, 2]);
        var masked = new Masking().Apply(input);

        var dense = new Dense(4).Apply(masked);
        var dropped = new Dropout(0.2).Apply(dense);

        Assert.That(KerasHistory.MaskOf(dense), Is.SameAs(KerasHistory.MaskOf(masked)));
        Assert.That(KerasHistory.MaskOf(dropped), Is.SameAs(KerasHistory.MaskOf(masked)));
    }

    [Test]
    public void Mask_ModelReapplied_PropagatesMasksInsideIt()
    {
        var input = new Input([3, 2]);
        var model = new Model(input, new GlobalAveragePooling1D().Apply(new Masking(0).Apply(input)));
        var x = K.Placeholder([null, 3, 2], name: "x");

        var y = model.Apply(x);

        Assert.That(Run(x, y, Tensor.Create(new float[] { 1, 2, 0, 0, 4, 8 }, [1, 3, 2])), Is.EqualTo(new float[] { 2.5f, 5 }));
    }

    [Test]
    public void Mask_InsideCustomLayer_PassedExplicitly()
    {
        var input = new Input([3]);
        var layer = new EmbedAndPool();
        var pooled = layer.Apply(input);

        var embedding = (Embedding)layer.Inner;
        Set(embedding.Embeddings, 100, 100, 1, 10, 2, 20, 3, 30);

        var values = Run(input, pooled, Tensor2D(2, 3, i => Tokens[i]));

        Assert.That(values, Is.EqualTo(new float[] { 2, 20, 2, 20 }), "padding rows (100) never averaged in");
    }

    /// <summary>tf.keras's documented pattern: inside a subclassed Call, masks are passed by hand.</summary>
    private sealed class EmbedAndPool : Layer
    {
        private readonly Embedding _embedding = new(4, 2, maskZero: true);
        private readonly GlobalAveragePooling1D _pool = new();

        public Layer Inner => _embedding;

        protected override Node Call(Node inputs, TrainingArg training, Node? mask)
        {
            var embedded = _embedding.Apply(inputs);
            return _pool.Apply(embedded, mask: _embedding.ComputeMask(inputs, null));
        }
    }
}
