using Graph.Core;
using Graph.Ops;
using Graph.Ops.Linalg;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>K.dot's rank rules (Keras 2.2.4) and BatchMatMul beyond the catalog: unknown dims and shared weights.</summary>
public sealed class LinalgOpTests : GraphTestBase
{
    private static TensorBuffer Values(int[] dims, double scale)
    {
        var buffer = TensorBuffer.Zeros(DType.Float64, dims);
        var span = buffer.Span<double>();
        for (int i = 0; i < span.Length; i++) span[i] = Math.Sin(i + scale);
        return buffer;
    }

    [Test]
    public void Dot_TwoMatrices_IsAMatMul()
    {
        var y = G.Dot(K.Placeholder([null, 3]), K.Placeholder([3, 4]));

        Assert.That(y.Op, Is.TypeOf<MatMulOp>());
        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 4)));
    }

    [Test]
    public void Dot_SequenceTimesKernel_KeepsUnknownBatchAndTime()
    {
        // Dense on a (batch, time, features) input: K.dot(x, kernel) with two unknown dims.
        var x = K.Placeholder([null, null, 4], DType.Float64);
        var w = K.Placeholder([4, 5], DType.Float64);
        var y = G.Dot(x, w);
        var (xv, wv) = (Values([2, 3, 4], 0), Values([4, 5], 1));

        var result = K.Function([x, w], [y]).Call(xv, wv).Buffer(0).Span<double>().ToArray();

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, null, 5)));
        var (xs, ws) = (xv.Span<double>().ToArray(), wv.Span<double>().ToArray());
        for (int r = 0; r < 6; r++)
            for (int j = 0; j < 5; j++)
            {
                double sum = 0;
                for (int p = 0; p < 4; p++) sum += xs[r * 4 + p] * ws[p * 5 + j];
                Assert.That(result[r * 5 + j], Is.EqualTo(sum).Within(1e-12), $"row {r}, column {j}");
            }
    }

    [Test]
    public void Dot_KernelGradientOverSequence_SumsOverBatchAndTime()
    {
        var x = K.Placeholder([null, null, 2], DType.Float64);
        var w = K.Placeholder([2, 3], DType.Float64);
        var grad = G.Gradients(G.Dot(x, w), [w])[0]!;
        var xv = TensorBuffer.From<double>([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2);

        var result = K.Function([x, w], [grad]).Call(xv, Values([2, 3], 0)).Buffer(0);

        // ∂Σy/∂w[p, j] = Σ over batch and time of x[..., p].
        Assert.That(result.Dims, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(result.Span<double>().ToArray(), Is.EqualTo(new[] { 16.0, 16, 16, 20, 20, 20 }));
    }

    [Test]
    public void Dot_MatrixTimesRank3_FollowsTheanoShapeRule()
    {
        var y = G.Dot(K.Placeholder([null, 3]), K.Placeholder([4, 3, 5]));

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 4, 5)));
    }

    [Test]
    public void Dot_VectorTimesMatrix_FailsAsKeras()
    {
        Assert.Throws<GraphException>(() => G.Dot(K.Placeholder([3]), K.Placeholder([3, 4])));
    }

    [Test]
    public void BatchMatMul_UnknownBatch_RunsAtEveryBatchSize()
    {
        var a = K.Placeholder([null, 2, 3], DType.Float64);
        var b = K.Placeholder([null, 3, 2], DType.Float64);
        var f = K.Function([a, b], [G.BatchMatMul(a, b)]);

        foreach (int batch in new[] { 1, 3 })
        {
            var result = f.Call(Values([batch, 2, 3], 0), Values([batch, 3, 2], 2)).Buffer(0);
            Assert.That(result.Dims, Is.EqualTo(new[] { batch, 2, 2 }));
        }
    }

    // -1 marks the unknown batch.
    [TestCase(new[] { -1, 20 }, new[] { -1, 30, 20 }, new[] { 1, 2 }, new[] { -1, 30 })]
    [TestCase(new[] { -1, 20, 1 }, new[] { -1, 30, 20 }, new[] { 1, 2 }, new[] { -1, 1, 30 })]
    [TestCase(new[] { -1, 5 }, new[] { -1, 5 }, new[] { 1, 1 }, new[] { -1, 1 })]
    public void BatchDot_KerasShapeExamples_GiveKerasShapes(int[] xs, int[] ys, int[] axes, int[] expected)
    {
        static int?[] Dims(int[] d) => d.Select(v => v < 0 ? null : (int?)v).ToArray();

        var y = G.BatchDot(K.Placeholder(Dims(xs)), K.Placeholder(Dims(ys)), axes);

        Assert.That(y.Shape, Is.EqualTo(new Shape(Dims(expected))));
    }

    [Test]
    public void BatchDot_AxisSizesDiffer_FailsNamingBothShapes()
    {
        var message = Assert.Throws<GraphException>(() => G.BatchDot(K.Placeholder([null, 3]), K.Placeholder([null, 4, 5]), [1, 1]))!.Message;

        Assert.That(message, Does.StartWith("BatchDot").And.Contain("(?, 3)").And.Contain("(?, 4, 5)"));
    }
}
