using System.Numerics;
using Graph.Core;
using Graph.Ops;
using Graph.Ops.Catalog;
using Graph.Ops.Convolution;
using Graph.Runtime;
using Graph.Tests.Ops.Catalog;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>
/// The convolution GEMM on every transpose combination, vector-block and tail width, padded leading dimensions and
/// accumulation; and convolutions wide enough to take the vector blocks, against the naive references.
/// </summary>
public sealed class ConvKernelTests : GraphTestBase
{
    private static readonly int[] Rows = [0, 1, 2, 3, 7];
    private static readonly int[] Columns = [1, 5, 8, 31, 32, 33, 64, 70];
    private static readonly int[] Inner = [0, 1, 5, 17];

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void Multiply_AllShapes_MatchesNaive(bool transposeA, bool transposeB)
    {
        foreach (int m in Rows)
            foreach (int n in Columns)
                foreach (int k in Inner)
                    foreach (bool accumulate in new[] { false, true })
                    {
                        Check<float>(transposeA, transposeB, m, n, k, accumulate, 1e-5);
                        Check<double>(transposeA, transposeB, m, n, k, accumulate, 1e-12);
                    }
    }

    private static void Check<T>(bool ta, bool tb, int m, int n, int k, bool accumulate, double tolerance) where T : unmanaged, INumber<T>
    {
        var random = new System.Random(m * 1000 + n * 10 + k);
        int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 3, ldc = n + 1;
        T[] Fill(int length) => Enumerable.Range(0, length).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1)).ToArray();
        var (a, b, c) = (Fill((ta ? k : m) * lda), Fill((tb ? n : k) * ldb), Fill(m * ldc));
        var expected = (T[])c.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? double.CreateChecked(c[i * ldc + j]) : 0;
                for (int p = 0; p < k; p++)
                    sum += double.CreateChecked(ta ? a[p * lda + i] : a[i * lda + p]) * double.CreateChecked(tb ? b[j * ldb + p] : b[p * ldb + j]);
                expected[i * ldc + j] = T.CreateChecked(sum);
            }

        ConvGemm.Multiply<T>(ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate);

        for (int i = 0; i < c.Length; i++)
            Assert.That(double.CreateChecked(c[i]), Is.EqualTo(double.CreateChecked(expected[i])).Within(tolerance * Math.Max(1, k)),
                $"ta={ta} tb={tb} m={m} n={n} k={k} acc={accumulate} element {i} (row {i / ldc}, column {i % ldc})");
    }

    [TestCase(DType.Float32, 3, 37, "same", 2)]
    [TestCase(DType.Float64, 5, 70, "valid", 1)]
    [TestCase(DType.Float32, 40, 33, "same", 1)]
    [TestCase(DType.Float64, 17, 16, "valid", 3)]
    public void Conv2D_WideChannels_ForwardAndGradientsMatchReference(DType dtype, int inChannels, int outChannels, string padding, int stride)
    {
        var x = CatalogHarness.Inputs(new("wide_x", [new(Shape.Of(3, 7, 6, inChannels), dtype)], _ => null!), dtype == DType.Float64)[0];
        var w = CatalogHarness.Inputs(new("wide_w", [new(Shape.Of(3, 2, inChannels, outChannels), dtype)], _ => null!), dtype == DType.Float64)[0];
        var xNode = K.Placeholder(x.Shape, dtype, name: "x");
        var wNode = K.Placeholder(w.Shape, dtype, name: "w");
        var y = G.Conv2D(xNode, wNode, (stride, stride), padding);
        var dy = CatalogHarness.Inputs(new("wide_dy", [new(y.Shape, dtype)], _ => null!), dtype == DType.Float64)[0];
        var dyNode = K.Placeholder(y.Shape, dtype, name: "dy");
        var grads = Autodiff.Gradients(y, [xNode, wNode], dyNode);

        var result = K.Function([xNode, wNode, dyNode], [y, grads[0]!, grads[1]!]).Call(x, w, dy);

        var op = (ConvOp)y.Op;
        var (rx, rw, rdy) = (RefValue.From(x), RefValue.From(w), RefValue.From(dy));
        Assert.That(Reference.TryGet(typeof(ConvBackpropInputOp), out var backInput), Is.True);
        Assert.That(Reference.TryGet(typeof(ConvBackpropFilterOp), out var backFilter), Is.True);
        var expected = new[]
        {
            Reference.Conv(rx, rw, 2, op.Strides, op.Padding, op.Dilation),
            backInput(new ConvBackpropInputOp(2, op.Strides, op.Padding, op.Dilation), [rdy, rw, rx]),
            backFilter(new ConvBackpropFilterOp(2, op.Strides, op.Padding, op.Dilation), [rx, rdy, rw]),
        };
        double tolerance = dtype == DType.Float32 ? 1e-4 : 1e-11;
        for (int o = 0; o < expected.Length; o++)
        {
            var actual = RefValue.From(result.Buffer(o));
            Assert.That(actual.Dims, Is.EqualTo(expected[o].Dims), $"output {o} shape");
            for (int i = 0; i < actual.Length; i++)
                Assert.That(actual.Data[i], Is.EqualTo(expected[o].Data[i]).Within(tolerance * Math.Max(1, Math.Abs(expected[o].Data[i]))), $"output {o} element {i}");
        }
    }

    [Test]
    public void Conv2D_PointwiseWide_MatchesMatMulOverPixels()
    {
        var x = CatalogHarness.Inputs(new("pw_x", [OpInput.Float(2, 5, 3, 33)], _ => null!), false)[0];
        var w = CatalogHarness.Inputs(new("pw_w", [OpInput.Float(1, 1, 33, 40)], _ => null!), false)[0];
        var xNode = K.Placeholder(x.Shape, name: "x");
        var wNode = K.Placeholder(w.Shape, name: "w");

        var y = K.Function([xNode, wNode], [G.Conv2D(xNode, wNode)]).Call(x, w).Buffer(0).Span<float>().ToArray();

        var (xs, ws) = (x.Span<float>().ToArray(), w.Span<float>().ToArray());
        for (int pixel = 0; pixel < 30; pixel++)
            for (int o = 0; o < 40; o++)
            {
                double sum = 0;
                for (int c = 0; c < 33; c++) sum += xs[pixel * 33 + c] * (double)ws[c * 40 + o];
                Assert.That(y[pixel * 40 + o], Is.EqualTo(sum).Within(1e-4), $"pixel {pixel} channel {o}");
            }
    }

    [TestCase("conv")]
    [TestCase("maxpool")]
    [TestCase("avgpool")]
    public void SecondOrder_GradientOfInputGradientNorm_MatchesFiniteDifferences(string family)
    {
        // L(x) = Σ (∂/∂x Σ tanh(f(x))·u)²: differentiating it builds gradients of the gradient ops themselves.
        var xv = CatalogHarness.Inputs(new("second_" + family, [OpInput.Float(1, 6, 5, 2)], _ => null!), true)[0];
        var wv = CatalogHarness.Inputs(new("second_w", [OpInput.Float(3, 2, 2, 3)], _ => null!), true)[0];
        var x = K.Placeholder(xv.Shape, DType.Float64, name: "x");
        var w = K.Placeholder(wv.Shape, DType.Float64, name: "w");
        Node y = family switch
        {
            "conv" => G.Conv2D(x, w, (2, 2), "same"),
            "maxpool" => G.MaxPool2D(x, (3, 2), (2, 2), "same"),
            _ => G.AvgPool2D(x, (3, 2), (2, 2), "same"),
        };
        var dx = Autodiff.Gradients(G.Tanh(y), [x])[0]!;
        var loss = G.Mul(dx, dx);
        var second = Autodiff.Gradients(loss, [x, w], zerosForDisconnected: true);
        var f = K.Function([x, w], [loss]);
        var g = K.Function([x, w], [second[0]!, second[1]!]).Call(xv, wv);

        double Loss()
        {
            var values = f.Call(xv, wv).Buffer(0).Span<double>();
            double sum = 0;
            foreach (double v in values) sum += v;
            return sum;
        }

        foreach (var (value, index) in new[] { (xv, 0), (wv, 1) })
        {
            var data = value.Span<double>();
            var analytic = g.Buffer(index).Span<double>().ToArray();
            for (int i = 0; i < data.Length; i++)
            {
                double saved = data[i];
                data[i] = saved + 1e-6;
                double plus = Loss();
                data[i] = saved - 1e-6;
                double minus = Loss();
                data[i] = saved;
                Assert.That(analytic[i], Is.EqualTo((plus - minus) / 2e-6).Within(1e-5 * Math.Max(1, Math.Abs(analytic[i]))), $"input {index} element {i}");
            }
        }
    }
}
