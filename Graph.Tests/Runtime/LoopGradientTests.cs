using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>
/// Backprop through time: the loop's gradient (a gradient loop running backwards) against the gradient of the
/// unrolled graph and against finite differences, in float64.
/// </summary>
public sealed class LoopGradientTests : GraphTestBase
{
    private const int Batch = 2, Features = 3, Units = 4;

    private static TensorBuffer Random(int seed, double scale, params int[] dims)
    {
        var random = new System.Random(seed);
        var buffer = TensorBuffer.Zeros(DType.Float64, dims);
        var span = buffer.Span<double>();
        for (int i = 0; i < span.Length; i++) span[i] = (random.NextDouble() * 2 - 1) * scale;
        return buffer;
    }

    private static TensorBuffer TimeSlice(TensorBuffer b, int t)
    {
        var slice = TensorBuffer.Zeros(b.DType, b.Dims[0], b.Dims[2]);
        for (int i = 0; i < b.Dims[0]; i++)
            for (int f = 0; f < b.Dims[2]; f++)
                slice.Span<double>()[i * b.Dims[2] + f] = b.Span<double>()[(i * b.Dims[1] + t) * b.Dims[2] + f];
        return slice;
    }

    private static void AssertClose(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, string what)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), what + " length");
        for (int i = 0; i < expected.Length; i++)
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-12 * Math.Max(1, Math.Abs(expected[i]))), $"{what}[{i}]");
    }

    private static Node TanhStep(Node x, Node h, Node w, Node u) => G.Tanh(G.Add(G.MatMul(x, w), G.MatMul(h, u)));

    /// <summary><c>hₜ = tanh(xₜW + hₜ₋₁U)</c>, or the cumulative sum <c>hₜ = hₜ₋₁ + xₜW</c> (U unused).</summary>
    private static Node Recurrence(bool tanh, Node x, Node h, Node w, Node u) => tanh ? TanhStep(x, h, w, u) : G.Add(h, G.MatMul(x, w));

    [TestCase(true, TestName = "Scan_TanhRecurrence_ValuesAndGradientsMatchUnrolledGraph_TwoLengthsOnePlan")]
    [TestCase(false, TestName = "Scan_CumulativeSum_ValuesAndGradientsMatchUnrolledGraph_TwoLengthsOnePlan")]
    public void Scan_Recurrence_ValuesAndGradientsMatchUnrolledGraph_TwoLengthsOnePlan(bool tanh)
    {
        var x = K.Placeholder([null, null, Features], DType.Float64, "x");
        var h0 = K.Placeholder([null, Units], DType.Float64, "h0");
        var w = K.Placeholder([Features, Units], DType.Float64, "W");
        var u = K.Placeholder([Units, Units], DType.Float64, "U");
        Node[] weights = tanh ? [w, u] : [w];
        var (outputs, last, finals) = G.Scan((xt, s) =>
        {
            var h = Recurrence(tanh, xt, s[0], w, u);
            return (h, [h]);
        }, x, [h0]);
        var dOutputs = K.Placeholder([null, null, Units], DType.Float64, "d_outputs");
        var dLast = K.Placeholder([null, Units], DType.Float64, "d_last");
        var dFinal = K.Placeholder([null, Units], DType.Float64, "d_final");
        var grads = Autodiff.Gradients([outputs, last, finals[0]], [dOutputs, dLast, dFinal], [x, h0, .. weights], stopAtWrt: false);
        var loop = K.Function([x, h0, w, u, dOutputs, dLast, dFinal], [outputs, last, finals[0], .. grads.Select(g => g!)]);

        foreach (int steps in new[] { 3, 6 })
        {
            var (xv, h0v, wv, uv) = (Random(steps, 1, Batch, steps, Features), Random(2, 1, Batch, Units), Random(3, 0.7, Features, Units), Random(4, 0.7, Units, Units));
            var (dov, dlv, dfv) = (Random(5 + steps, 1, Batch, steps, Units), Random(6, 1, Batch, Units), Random(7, 1, Batch, Units));
            var actual = loop.Call(xv, h0v, wv, uv, dov, dlv, dfv);

            // The same recurrence unrolled: one placeholder per step.
            var xs = Enumerable.Range(0, steps).Select(t => K.Placeholder([null, Features], DType.Float64, $"x{t}")).ToArray();
            var dys = Enumerable.Range(0, steps).Select(t => K.Placeholder([null, Units], DType.Float64, $"dy{t}")).ToArray();
            var hs = new List<Node>();
            var h = h0;
            foreach (var xt in xs) hs.Add(h = Recurrence(tanh, xt, h, w, u));
            var unrolledGrads = Autodiff.Gradients([.. hs, h, h], [.. dys, dLast, dFinal], [.. xs, h0, .. weights], stopAtWrt: false);
            var unrolled = K.Function([.. xs, .. dys, h0, w, u, dLast, dFinal], [.. hs, .. unrolledGrads.Select(g => g!)]);
            var expected = unrolled.Call([
                .. Enumerable.Range(0, steps).Select(t => (FeedValue)TimeSlice(xv, t)),
                .. Enumerable.Range(0, steps).Select(t => (FeedValue)TimeSlice(dov, t)),
                h0v, wv, uv, dlv, dfv]);

            for (int t = 0; t < steps; t++)
            {
                AssertClose(TimeSlice(actual.Buffer(0), t).Span<double>(), expected.Buffer(t).Span<double>(), $"T={steps} h{t}");
                AssertClose(TimeSlice(actual.Buffer(3), t).Span<double>(), expected.Buffer(steps + t).Span<double>(), $"T={steps} dx{t}");
            }
            AssertClose(actual.Buffer(1).Span<double>(), expected.Buffer(steps - 1).Span<double>(), $"T={steps} last output");
            AssertClose(actual.Buffer(2).Span<double>(), expected.Buffer(steps - 1).Span<double>(), $"T={steps} final state");
            AssertClose(actual.Buffer(4).Span<double>(), expected.Buffer(2 * steps).Span<double>(), $"T={steps} dh0");
            for (int i = 0; i < weights.Length; i++)
                AssertClose(actual.Buffer(5 + i).Span<double>(), expected.Buffer(2 * steps + 1 + i).Span<double>(), $"T={steps} d{weights[i].Name}");
        }
        Assert.That(loop.CompileCount, Is.EqualTo(1), "one plan serves both lengths");
    }

    [Test]
    public void Scan_CumulativeSum_GradientsMatchClosedForm()
    {
        var x = K.Placeholder([null, null, 2], DType.Float64, "x");
        var h0 = K.Placeholder([null, 2], DType.Float64, "h0");
        var (outputs, _, finals) = G.Scan((xt, s) => (G.Add(xt, s[0]), [G.Add(xt, s[0])]), x, [h0]);
        var dy = K.Placeholder([null, null, 2], DType.Float64, "dy");
        var grads = Autodiff.Gradients([outputs, finals[0]], [dy, G.OnesLike(finals[0])], [x, h0], stopAtWrt: false);
        var f = K.Function([x, h0, dy], grads.Select(g => g!).ToArray());
        var dyv = TensorBuffer.From<double>([1, 2, 3, 4, 5, 6, 7, 8], 1, 4, 2);

        var result = f.Call(Random(1, 1, 1, 4, 2), Random(2, 1, 1, 2), dyv);

        // ∂/∂x_t = Σ_{τ ≥ t} dy_τ + 1 (the final state); ∂/∂h0 = Σ dy + 1.
        Assert.That(result.Buffer(0).Span<double>().ToArray(), Is.EqualTo(new double[] { 17, 21, 16, 19, 13, 15, 8, 9 }));
        Assert.That(result.Buffer(1).Span<double>().ToArray(), Is.EqualTo(new double[] { 17, 21 }));
    }

    [Test]
    public void Scan_DropoutInsideStepPhaseOne_GradientReplaysEachStepsMask()
    {
        var x = K.Placeholder([null, null, Features], DType.Float64, "x");
        var h0 = K.Placeholder([null, Units], DType.Float64, "h0");
        var w = K.Placeholder([Features, Units], DType.Float64, "W");
        var u = K.Placeholder([Units, Units], DType.Float64, "U");
        var (outputs, _, _) = G.Scan((xt, s) =>
        {
            var h = TanhStep(G.Dropout(xt, 0.5, seed: 11), s[0], w, u);
            return (h, [h]);
        }, x, [h0]);
        var dy = K.Placeholder([null, null, Units], DType.Float64, "dy");
        var grads = Autodiff.Gradients(outputs, [x, w], dy);
        var forward = K.Function([x, h0, w, u, dy, K.LearningPhase()], [outputs]);
        var backward = K.Function([x, h0, w, u, dy, K.LearningPhase()], grads.Select(g => g!).ToArray());
        var options = new RunOptions(PinnedRunCounter: 42);
        var (xv, h0v, wv, uv, dyv) = (Random(1, 1, Batch, 4, Features), Random(2, 1, Batch, Units), Random(3, 0.7, Features, Units), Random(4, 0.7, Units, Units), Random(5, 1, Batch, 4, Units));

        var analytic = backward.Call(options, xv, h0v, wv, uv, dyv, 1);
        double Objective()
        {
            var y = forward.Call(options, xv, h0v, wv, uv, dyv, 1).Buffer(0).Span<double>();
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += y[i] * dyv.Span<double>()[i];
            return sum;
        }

        int dropped = 0;
        foreach (var (value, gradient) in new[] { (xv, analytic.Buffer(0)), (wv, analytic.Buffer(1)) })
        {
            var span = value.Span<double>();
            for (int i = 0; i < span.Length; i++)
            {
                double saved = span[i], step = 1e-6;
                span[i] = saved + step;
                double plus = Objective();
                span[i] = saved - step;
                double minus = Objective();
                span[i] = saved;
                double numeric = (plus - minus) / (2 * step), a = gradient.Span<double>()[i];
                if (value == xv && numeric == 0) dropped++;
                Assert.That(a, Is.EqualTo(numeric).Within(1e-6 * Math.Max(1, Math.Abs(numeric))), $"element {i}");
            }
        }
        Assert.That(dropped, Is.GreaterThan(0).And.LessThan(xv.Length), "some, not all, inputs were dropped");
    }

    [Test]
    public void Scan_AfterWarmUp_LongerSequenceAllocatesNothingMore()
    {
        var x = K.Placeholder([null, null, Features], DType.Float64, "x");
        var h0 = K.Placeholder([null, Units], DType.Float64, "h0");
        var w = K.Placeholder([Features, Units], DType.Float64, "W");
        var u = K.Placeholder([Units, Units], DType.Float64, "U");
        var (_, last, _) = G.Scan((xt, s) =>
        {
            var h = TanhStep(xt, s[0], w, u);
            return (h, [h]);
        }, x, [h0]);
        var f = K.Function([x, h0, w, u], [last]);
        var (shortX, longX) = (Random(1, 1, Batch, 5, Features), Random(1, 1, Batch, 200, Features));
        var (h0v, wv, uv) = (Random(2, 1, Batch, Units), Random(3, 0.7, Features, Units), Random(4, 0.7, Units, Units));
        long Allocated(TensorBuffer xv)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            f.Call(xv, h0v, wv, uv);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(shortX);
        Allocated(longX);

        long shortRun = Allocated(shortX), longRun = Allocated(longX);

        Assert.That(longRun - shortRun, Is.LessThan(256), $"{shortRun} bytes for 5 steps, {longRun} for 200");
    }

    [Test]
    public void Scan_SecondDerivative_MatchesFiniteDifferencesOfTheGradient()
    {
        var x = K.Placeholder([null, null, Features], DType.Float64, "x");
        var h0 = K.Placeholder([null, Units], DType.Float64, "h0");
        var w = K.Placeholder([Features, Units], DType.Float64, "W");
        var u = K.Placeholder([Units, Units], DType.Float64, "U");
        var (outputs, _, _) = G.Scan((xt, s) =>
        {
            var h = TanhStep(xt, s[0], w, u);
            return (h, [h]);
        }, x, [h0]);
        var dy = K.Placeholder([null, null, Units], DType.Float64, "dy");
        var r = K.Placeholder([Features, Units], DType.Float64, "r");
        var gradW = Autodiff.Gradients(outputs, [w], dy)[0]!;
        var second = Autodiff.Gradients(gradW, [x, u], r);
        var first = K.Function([x, h0, w, u, dy], [gradW]);
        var f = K.Function([x, h0, w, u, dy, r], second.Select(g => g!).ToArray());
        var (xv, h0v, wv, uv, dyv, rv) = (Random(1, 1, Batch, 3, Features), Random(2, 1, Batch, Units), Random(3, 0.7, Features, Units),
            Random(4, 0.7, Units, Units), Random(5, 1, Batch, 3, Units), Random(6, 1, Features, Units));

        var analytic = f.Call(xv, h0v, wv, uv, dyv, rv);
        double Objective()
        {
            var g = first.Call(xv, h0v, wv, uv, dyv).Buffer(0).Span<double>();
            double sum = 0;
            for (int i = 0; i < g.Length; i++) sum += g[i] * rv.Span<double>()[i];
            return sum;
        }

        foreach (var (value, gradient) in new[] { (xv, analytic.Buffer(0)), (uv, analytic.Buffer(1)) })
        {
            var span = value.Span<double>();
            for (int i = 0; i < span.Length; i++)
            {
                double saved = span[i], step = 1e-6;
                span[i] = saved + step;
                double plus = Objective();
                span[i] = saved - step;
                double minus = Objective();
                span[i] = saved;
                double numeric = (plus - minus) / (2 * step);
                Assert.That(gradient.Span<double>()[i], Is.EqualTo(numeric).Within(1e-6 * Math.Max(1, Math.Abs(numeric))), $"element {i}");
            }
        }
    }

    [Test]
    public void Scan_NestedLoop_ValueAndGradientMatchNaive()
    {
        // Outer loop over axis 1 of (batch, outer, inner, 1); its step runs an inner cumulative sum over the slice.
        var x = K.Placeholder([null, null, null, 1], DType.Float64, "x");
        var h0 = K.Placeholder([null, 1], DType.Float64, "h0");
        var (_, last, _) = G.Scan((xt, s) =>
        {
            var (_, innerLast, _) = G.Scan((xi, si) => (G.Add(xi, si[0]), [G.Add(xi, si[0])]), xt, [s[0]]);
            return (innerLast, [G.Mul(innerLast, 0.5)]);
        }, x, [h0]);
        var grad = Autodiff.Gradients(last, [x, h0])[0]!;
        var f = K.Function([x, h0], [last, grad]);

        var result = f.Call(TensorBuffer.From<double>([1, 2, 3, 4, 5, 6], 1, 2, 3, 1), TensorBuffer.From<double>([8], 1, 1));

        // Step 0: 8 + 1 + 2 + 3 = 14, state 7; step 1: 7 + 4 + 5 + 6 = 22. ∂/∂x: 0.5 for step 0's inputs, 1 for step 1's.
        Assert.That(result.Buffer(0).Span<double>().ToArray(), Is.EqualTo(new double[] { 22 }));
        Assert.That(result.Buffer(1).Span<double>().ToArray(), Is.EqualTo(new double[] { 0.5, 0.5, 0.5, 1, 1, 1 }));
    }

    [Test]
    public void Scan_Gradient_ReadsKeptIntermediatesInsteadOfRecomputingThem()
    {
        var x = K.Placeholder([null, null, Features], DType.Float64, "x");
        var h0 = K.Placeholder([null, Units], DType.Float64, "h0");
        var v = K.Placeholder([Features, Units], DType.Float64, "V");
        var u = K.Placeholder([Units, Units], DType.Float64, "U");
        var (outputs, _, _) = G.Scan((xt, s) =>
        {
            var gate = G.Tanh(G.MatMul(xt, v));
            var h = G.Tanh(G.Add(gate, G.MatMul(s[0], u)));
            return (h, [h]);
        }, x, [h0]);
        var grads = Autodiff.Gradients(outputs, [x, v, u]);
        var f = K.Function([x, h0, v, u], grads.Select(g => g!).ToArray());

        var plan = f.PlanFor();
        var result = f.Call(Random(1, 1, Batch, 5, Features), Random(2, 1, Batch, Units), Random(3, 0.7, Features, Units), Random(4, 0.7, Units, Units));

        Assert.That(plan.StepOps.OfType<Graph.Core.Structural.LoopOp>().Count(), Is.EqualTo(2), "the forward loop and the gradient loop");
        Assert.That(plan.LoopBodies[1].StepOps, Has.None.TypeOf<Graph.Ops.Elementwise.TanhOp>(), "no forward activation is recomputed");
        Assert.That(result.Buffer(0).Dims, Is.EqualTo(new[] { Batch, 5, Features }));
    }
}
