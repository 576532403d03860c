using Graph.Ops.Kernels;
using NUnit.Framework;

namespace Graph.Tests.Ops.Kernels;

[TestFixture]
public class FastMathTests
{
    private static readonly float[] Dense = FastMathConformance.Sweep(stride: 97);

    [Test]
    public void Tanh_DenseSweep_WithinFiveTenthsOfMicroRelative()
    {
        Assert.That(FastMathConformance.TanhError(Dense), Is.LessThanOrEqualTo(FastMathConformance.TanhTolerance));
    }

    [Test]
    public void Sigmoid_DenseSweep_WithinTwoTenthsOfMicroAbsolute()
    {
        Assert.That(FastMathConformance.SigmoidError(Dense), Is.LessThanOrEqualTo(FastMathConformance.SigmoidTolerance));
    }

    [Test]
    public void Exp_NormalRange_WithinThreeUlpRelative()
    {
        Assert.That(FastMathConformance.ExpError(Dense), Is.LessThanOrEqualTo(FastMathConformance.ExpTolerance));
    }

    [Test]
    public void Exp_OutsideRange_OverflowsAndUnderflows()
    {
        float[] x = [89f, 1000f, float.PositiveInfinity, -104f, -1000f, float.NegativeInfinity, -100f], y = new float[x.Length];
        FastMath.Exp(x, y);
        Assert.That(y[..3], Has.All.EqualTo(float.PositiveInfinity));
        Assert.That(y[3..6], Has.All.EqualTo(0f));
        Assert.That(y[6], Is.EqualTo(Math.Exp(-100)).Within(1e-45));
    }

    [Test]
    public void Activations_LargeAndInfiniteInputs_Saturate()
    {
        float[] x = [30f, 1e30f, float.PositiveInfinity, -30f, -1e30f, float.NegativeInfinity];
        float[] t = new float[6], s = new float[6];
        FastMath.Tanh(x, t);
        FastMath.Sigmoid(x, s);
        Assert.That(t, Is.EqualTo(new[] { 1f, 1f, 1f, -1f, -1f, -1f }));
        Assert.That(s[..3], Has.All.EqualTo(1f));
        Assert.That(s[3..], Has.All.InRange(0f, 1e-13f));
    }

    [Test]
    public void Activations_NaN_StaysNaN()
    {
        float[] x = [float.NaN, 1f, float.NaN], y = new float[3];
        foreach (Action<float[], float[]> f in new Action<float[], float[]>[] { (a, b) => FastMath.Tanh(a, b), (a, b) => FastMath.Sigmoid(a, b), (a, b) => FastMath.Exp(a, b) })
        {
            f(x, y);
            Assert.That(float.IsNaN(y[0]) && float.IsNaN(y[2]) && !float.IsNaN(y[1]), Is.True);
        }
        Assert.That(float.IsNaN(FastMath.Tanh(float.NaN)) && float.IsNaN(FastMath.Sigmoid(float.NaN)) && float.IsNaN(FastMath.Exp(float.NaN)), Is.True);
    }

    [Test]
    public void Spans_EveryLengthUpTo70_MatchScalarAndLeaveRestUntouched()
    {
        var rng = new Random(21);
        for (int n = 0; n <= 70; n++)
        {
            float[] x = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 16 - 8)).ToArray();
            float[] t = Enumerable.Repeat(42f, n + 3).ToArray(), s = (float[])t.Clone(), e = (float[])t.Clone();
            FastMath.Tanh(x, t);
            FastMath.Sigmoid(x, s);
            FastMath.Exp(x, e);
            for (int i = 0; i < n; i++)
            {
                Assert.That(t[i], Is.EqualTo(FastMath.Tanh(x[i])).Within(2e-7), $"tanh n={n} i={i}");
                Assert.That(s[i], Is.EqualTo(FastMath.Sigmoid(x[i])).Within(2e-7), $"sigmoid n={n} i={i}");
                Assert.That(e[i], Is.EqualTo(FastMath.Exp(x[i])).Within(4e-7 * e[i]), $"exp n={n} i={i}");
            }
            Assert.That(t[n..], Has.All.EqualTo(42f));
            Assert.That(s[n..], Has.All.EqualTo(42f));
            Assert.That(e[n..], Has.All.EqualTo(42f));
        }
    }

    [Test]
    public void Scalar_DenseSweep_SameAccuracyAsSpans()
    {
        float[] x = Dense;
        double worstTanh = 0, worstSigmoid = 0;
        for (int i = 0; i < x.Length; i += 7)
        {
            double t = Math.Tanh(x[i]);
            worstTanh = Math.Max(worstTanh, Math.Abs(FastMath.Tanh(x[i]) - t) / Math.Max(Math.Abs(t), 1e-300));
            worstSigmoid = Math.Max(worstSigmoid, Math.Abs(FastMath.Sigmoid(x[i]) - 1d / (1d + Math.Exp(-(double)x[i]))));
        }
        Assert.That(worstTanh, Is.LessThanOrEqualTo(FastMathConformance.TanhTolerance));
        Assert.That(worstSigmoid, Is.LessThanOrEqualTo(FastMathConformance.SigmoidTolerance));
    }

    [Test]
    public void Tanh_InPlace_SameAsSeparateDestination()
    {
        float[] x = Enumerable.Range(0, 37).Select(i => i * 0.3f - 5f).ToArray(), y = new float[37];
        FastMath.Tanh(x, y);
        FastMath.Tanh(x, x);
        Assert.That(x, Is.EqualTo(y));
    }

    [Test]
    public void Tanh_PartialOverlapOrShortDestination_Throws()
    {
        float[] buffer = new float[20];
        Assert.That(() => FastMath.Tanh(buffer.AsSpan(0, 10), buffer.AsSpan(1, 10)), Throws.ArgumentException);
        Assert.That(() => FastMath.Tanh(buffer.AsSpan(0, 10), buffer.AsSpan(10, 9)), Throws.ArgumentException);
    }
}
