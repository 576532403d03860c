using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>Softmax family and losses: stability at extreme logits, TF's gradients, and build-time errors.</summary>
public sealed class NeuralNetTests : GraphTestBase
{
    private static readonly float[] Extreme = [1000f, 0f, -1000f, -1000f, 1000f, 999f];

    private static float[] Eval(Node n) => K.Eval(n).Span<float>().ToArray();

    private static double[] Softmax(double[] row) => row.Select(v => Math.Exp(v - row.Max()) / row.Sum(w => Math.Exp(w - row.Max()))).ToArray();

    [TestCase(-1)]
    [TestCase(0)]
    public void SoftmaxLogSoftmax_ExtremeLogits_StayFiniteAndNormalized(int axis)
    {
        var x = G.Constant(Extreme, 2, 3);

        var p = Eval(G.Softmax(x, axis));
        var logp = Eval(G.LogSoftmax(x, axis));

        Assert.That(p, Has.All.Matches<float>(float.IsFinite));
        Assert.That(logp, Has.All.Matches<float>(float.IsFinite));
        if (axis == -1)
        {
            Assert.That(p, Is.EqualTo(new[] { 1f, 0f, 0f, 0f, 1 / (1 + MathF.Exp(-1)), 1 / (1 + MathF.Exp(1)) }).Within(1e-6));
            Assert.That(logp, Is.EqualTo(new[] { 0f, -1000f, -2000f, -2000f - MathF.Log(1 + MathF.Exp(-1)), -MathF.Log(1 + MathF.Exp(-1)), -1 - MathF.Log(1 + MathF.Exp(-1)) }).Within(1e-3));
        }
        else Assert.That(p, Is.EqualTo(new[] { 1f, 0f, 0f, 0f, 1f, 1f }).Within(1e-6));
    }

    [Test]
    public void SoftmaxCrossEntropy_MatchesNaiveAndTfGradients()
    {
        var labels = TensorBuffer.From<double>([0.2, 0.3, 0.5, 0, 1, 0], 2, 3);
        var logits = GradientCheck.Values(7, -3, 3, 2, 3);

        var loss = GradientCheck.Eval(n => G.SoftmaxCrossEntropyWithLogits(n[0], n[1]), labels, logits);
        var grads = GradientCheck.Eval(n => Autodiff.Gradients(G.SoftmaxCrossEntropyWithLogits(n[0], n[1]), [n[1]])[0]!, labels, logits);

        var l = labels.Span<double>().ToArray();
        var z = logits.Span<double>().ToArray();
        for (int r = 0; r < 2; r++)
        {
            var p = Softmax(z[(3 * r)..(3 * r + 3)]);
            Assert.That(loss[r], Is.EqualTo(-Enumerable.Range(0, 3).Sum(j => l[3 * r + j] * Math.Log(p[j]))).Within(1e-12));
            for (int j = 0; j < 3; j++) Assert.That(grads[3 * r + j], Is.EqualTo(p[j] - l[3 * r + j]).Within(1e-12), "softmax − labels");
        }
        GradientCheck.Verify(n => G.SoftmaxCrossEntropyWithLogits(n[0], n[1]), GradientCheck.Values(8, 0, 1, 2, 3), logits);
    }

    [Test]
    public void SoftmaxCrossEntropy_LabelGradient_IsMinusLogSoftmax()
    {
        var labels = TensorBuffer.From<double>([0.2, 0.3, 0.5], 1, 3);
        var logits = TensorBuffer.From<double>([1, -2, 0.5], 1, 3);

        var g = GradientCheck.Eval(n => Autodiff.Gradients(G.SoftmaxCrossEntropyWithLogits(n[0], n[1]), [n[0]])[0]!, labels, logits);

        var expected = Softmax([1, -2, 0.5]).Select(p => -Math.Log(p));
        Assert.That(g, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void SoftmaxCrossEntropies_ExtremeLogits_StayFinite()
    {
        var logits = G.Constant(Extreme, 2, 3);
        var dense = G.Constant([0f, 0f, 1f, 1f, 0f, 0f], 2, 3);
        var sparse = G.Constant(TensorBuffer.From<int>([2, 0], 2));

        var denseLoss = Eval(G.SoftmaxCrossEntropyWithLogits(dense, logits));
        var sparseLoss = Eval(G.SparseSoftmaxCrossEntropyWithLogits(sparse, logits));
        var grad = Eval(Autodiff.Gradients(G.Sum(G.SparseSoftmaxCrossEntropyWithLogits(sparse, logits)), [logits])[0]!);

        Assert.That(denseLoss, Is.EqualTo(new[] { 2000f, 2000f + MathF.Log(1 + MathF.Exp(-1)) }).Within(1e-2));
        Assert.That(sparseLoss, Is.EqualTo(denseLoss).Within(1e-3));
        Assert.That(grad, Is.EqualTo(new[] { 1f, 0f, -1f, -1f, 1 / (1 + MathF.Exp(-1)), 1 / (1 + MathF.Exp(1)) }).Within(1e-6));
    }

    [Test]
    public void SparseSoftmaxCrossEntropy_MatchesDenseWithOneHotAndGradientIsSoftmaxMinusOneHot()
    {
        var labels = TensorBuffer.From<long>([1, 0, 3, 2, 2, 1], 2, 3);
        var logits = GradientCheck.Values(9, -3, 3, 2, 3, 4);
        var z = logits.Span<double>().ToArray();

        var loss = GradientCheck.Eval(n => G.SparseSoftmaxCrossEntropyWithLogits(n[0], n[1]), labels, logits);
        var grad = GradientCheck.Eval(n => Autodiff.Gradients(G.SparseSoftmaxCrossEntropyWithLogits(n[0], n[1]), [n[1]])[0]!, labels, logits);

        for (int r = 0; r < 6; r++)
        {
            var p = Softmax(z[(4 * r)..(4 * r + 4)]);
            int label = (int)labels.Span<long>()[r];
            Assert.That(loss[r], Is.EqualTo(-Math.Log(p[label])).Within(1e-12));
            for (int j = 0; j < 4; j++) Assert.That(grad[4 * r + j], Is.EqualTo(p[j] - (j == label ? 1 : 0)).Within(1e-12));
        }
        GradientCheck.Verify(n => G.SparseSoftmaxCrossEntropyWithLogits(n[0], n[1]), labels, logits);
    }

    [Test]
    public void SparseSoftmaxCrossEntropy_LabelOutOfRange_FailsWhenRun()
    {
        var logits = K.Placeholder([null, 3], name: "logits");
        var labels = K.Placeholder([null], DType.Int32, name: "labels");
        var f = K.Function([labels, logits], [G.SparseSoftmaxCrossEntropyWithLogits(labels, logits)]);

        var e = Assert.Throws<Graph.Runtime.Execution.ExecutionException>(() => f.Call(TensorBuffer.From<int>([0, 3], 2), TensorBuffer.From<float>(new float[6], 2, 3)))!;

        Assert.That(e.Message, Does.Contain("LabelsOneHot").And.Contain("Label 3 at position 1").And.Contain("[0, 3)"));
    }

    [Test]
    public void CrossEntropies_BadShapes_FailAtBuildNamingTheOpAndShapes()
    {
        var logits = K.Placeholder([null, 3], name: "logits");

        Assert.That(() => G.SoftmaxCrossEntropyWithLogits(K.Placeholder([null, 4]), logits),
            Throws.TypeOf<GraphException>().With.Message.Contain("SoftmaxCrossEntropyWithLogits").And.Message.Contain("(?, 4)").And.Message.Contain("(?, 3)"));
        Assert.That(() => G.SparseSoftmaxCrossEntropyWithLogits(K.Placeholder([null, 1], DType.Int32), logits),
            Throws.TypeOf<GraphException>().With.Message.Contain("SparseSoftmaxCrossEntropyWithLogits").And.Message.Contain("input 0 (labels)"));
        Assert.That(() => G.SparseSoftmaxCrossEntropyWithLogits(K.Placeholder([null]), logits),
            Throws.TypeOf<GraphException>().With.Message.Contain("int32/int64"));
        Assert.That(() => G.SigmoidCrossEntropyWithLogits(K.Placeholder([null, 3], DType.Float64), logits),
            Throws.TypeOf<GraphException>().With.Message.Contain("SigmoidCrossEntropyWithLogits").And.Message.Contain("float64"));
    }

    [Test]
    public void SigmoidCrossEntropy_MatchesNaiveIsStableAndHasTfGradient()
    {
        var labels = GradientCheck.Values(11, 0, 1, 3, 4);
        var logits = GradientCheck.Values(12, -4, 4, 3, 4);
        var z = labels.Span<double>().ToArray();
        var x = logits.Span<double>().ToArray();

        var loss = GradientCheck.Eval(n => G.SigmoidCrossEntropyWithLogits(n[0], n[1]), labels, logits);
        var extreme = Eval(G.SigmoidCrossEntropyWithLogits(G.Constant([1f, 1f, 0f], 3), G.Constant([1000f, -1000f, -1000f], 3)));

        for (int i = 0; i < x.Length; i++)
        {
            double p = 1 / (1 + Math.Exp(-x[i]));
            Assert.That(loss[i], Is.EqualTo(-z[i] * Math.Log(p) - (1 - z[i]) * Math.Log(1 - p)).Within(1e-12));
        }
        Assert.That(extreme, Is.EqualTo(new[] { 0f, 1000f, 0f }));
        GradientCheck.Verify(n => G.SigmoidCrossEntropyWithLogits(n[0], n[1]), labels, logits);
    }

    [Test]
    public void BiasAdd_AddsAlongLastAxis_AndRejectsMismatchedBias()
    {
        var x = G.Constant([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var bias = G.Constant([10f, 20f, 30f], 3);

        Assert.That(Eval(G.BiasAdd(x, bias)), Is.EqualTo(new[] { 11f, 22f, 33f, 14f, 25f, 36f }));
        Assert.That(() => G.BiasAdd(x, G.Constant([1f, 2f], 2)),
            Throws.TypeOf<GraphException>().With.Message.Contain("BiasAdd").And.Message.Contain("(2,)").And.Message.Contain("(2, 3)"));
        GradientCheck.Verify(n => G.BiasAdd(n[0], n[1]), GradientCheck.Values(1, -1, 1, 2, 2, 3), GradientCheck.Values(2, -1, 1, 3));
    }

    [Test]
    public void L2Normalize_UnitNormRowsZeroRowStaysZero()
    {
        var x = G.Constant([3f, 4f, 0f, 0f], 2, 2);

        Assert.That(Eval(G.L2Normalize(x, [1])), Is.EqualTo(new[] { 0.6f, 0.8f, 0f, 0f }).Within(1e-7));
        Assert.That(Eval(G.L2Normalize(x)), Is.EqualTo(new[] { 0.6f, 0.8f, 0f, 0f }).Within(1e-7));
        GradientCheck.Verify(n => G.L2Normalize(n[0], [-1]), GradientCheck.Values(3, -2, 2, 3, 4));
    }

    [Test]
    public void Softmax_SecondDerivative_MatchesFiniteDifferences()
    {
        var logits = GradientCheck.Values(13, -2, 2, 2, 4);
        var labels = TensorBuffer.From<int>([3, 1], 2);

        GradientCheck.Verify(n => Autodiff.Gradients(G.Sum(G.SparseSoftmaxCrossEntropyWithLogits(n[1], n[0])), [n[0]])[0]!, logits, labels);
    }

    [TestCase(-1, new[] { 4, 67 })]
    [TestCase(1, new[] { 3, 29, 5 })]
    public void SoftmaxLogSoftmax_LargeRows_MatchNaive(int axis, int[] dims)
    {
        var x = GradientCheck.Values(17, -20, 20, dims);
        var refX = Catalog.RefValue.From(x);

        var p = GradientCheck.Eval(n => G.Softmax(n[0], axis), x);
        var logp = GradientCheck.Eval(n => G.LogSoftmax(n[0], axis), x);

        Assert.That(p, Is.EqualTo(Catalog.Reference.AlongAxis(axis, refX, Softmax).Data).Within(1e-12));
        Assert.That(logp, Is.EqualTo(Catalog.Reference.AlongAxis(axis, refX, row => Softmax(row).Select(v => Math.Log(v)).ToArray()).Data).Within(1e-9));
    }
}
