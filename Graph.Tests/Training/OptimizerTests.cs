using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;

namespace Graph.Tests.Training;

/// <summary>
/// Acceptance 3 of the training issue: each optimizer's steps on loss = Σ ½·c·(p − 1)² (so g = c·(p − 1)) match the
/// Keras 2 formulas, computed here in double independently of the implementation; c = 1e-9 makes ε matter.
/// </summary>
public sealed class OptimizerTests : GraphTestBase
{
    private static readonly double[] Start = [0.5, -1.5, 2.0, 3.0];
    private const int Steps = 4;

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (double c in new[] { 1.0, 1e-9 })
        {
            string tag = c == 1 ? "" : "_TinyGradient";
            yield return Case("Sgd" + tag, () => new Sgd(0.1), c, Reference.Sgd(0.1, 0, false, 0));
            yield return Case("SgdMomentum" + tag, () => new Sgd(0.1, momentum: 0.9), c, Reference.Sgd(0.1, 0.9, false, 0));
            yield return Case("SgdNesterovDecay" + tag, () => new Sgd(0.1, 0.9, nesterov: true, decay: 0.01), c, Reference.Sgd(0.1, 0.9, true, 0.01));
            yield return Case("RmsProp" + tag, () => new RmsProp(0.01), c, Reference.RmsProp(0.01, 0.9, 1e-7));
            yield return Case("Adagrad" + tag, () => new Adagrad(0.1), c, Reference.Adagrad(0.1, 1e-7));
            yield return Case("Adadelta" + tag, () => new Adadelta(1.0), c, Reference.Adadelta(1.0, 0.95, 1e-7));
            yield return Case("Adam" + tag, () => new Adam(0.01), c, Reference.Adam(0.01, 0.9, 0.999, 1e-7, false));
            yield return Case("AdamAmsgrad" + tag, () => new Adam(0.01, amsgrad: true), c, Reference.Adam(0.01, 0.9, 0.999, 1e-7, true));
            yield return Case("Adamax" + tag, () => new Adamax(0.02), c, Reference.Adamax(0.02, 0.9, 0.999, 1e-7));
            yield return Case("Nadam" + tag, () => new Nadam(0.02), c, Reference.Nadam(0.02, 0.9, 0.999, 1e-7, 0.004));
        }
    }

    private static TestCaseData Case(string name, Func<Optimizer> make, double c, Reference.Rule rule) =>
        new TestCaseData(make, c, rule).SetName("GetUpdates_" + name + "_MatchesKerasFormula");

    [TestCaseSource(nameof(Cases))]
    public void GetUpdates_Steps_MatchKerasFormula(Func<Optimizer> make, double c, Reference.Rule rule)
    {
        var p = G.Variable(TensorBuffer.From<double>(Start, Start.Length), name: "p");
        var loss = G.Mul(G.Sum(G.Square(G.Sub(p, 1.0))), 0.5 * c);
        var step = K.Function([], [], make().GetUpdates(loss, [p]));
        var expected = (double[])Start.Clone();
        var state = new Dictionary<string, double[]>();

        for (int t = 1; t <= Steps; t++)
        {
            step.Call();
            var g = expected.Select(v => c * (v - 1)).ToArray();
            rule(expected, g, t, state);
            var actual = K.GetValue(p).Span<double>().ToArray();
            for (int i = 0; i < actual.Length; i++)
                Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-6 * Math.Max(1, Math.Abs(expected[i]))), $"step {t}, element {i}");
        }
    }

    [Test]
    public void LearningRate_SetBetweenSteps_TakesEffectWithoutRecompiling()
    {
        var p = G.Variable(TensorBuffer.From<double>([2.0], 1), name: "p");
        var sgd = new Sgd(0.1);
        var step = K.Function([], [], sgd.GetUpdates(G.Sum(p), [p]));

        step.Call();
        sgd.LearningRate = 0.5;
        step.Call();

        Assert.That(sgd.LearningRate, Is.EqualTo(0.5).Within(1e-7));
        Assert.That(K.GetValue(p).Span<double>()[0], Is.EqualTo(2.0 - 0.1 - 0.5).Within(1e-7));
        Assert.That(step.CompileCount, Is.EqualTo(1));
    }

    [Test]
    public void ClipNorm_GlobalNorm_ScalesAllGradients()
    {
        var a = G.Variable(TensorBuffer.From<double>([0.0, 0.0], 2), name: "a");
        var b = G.Variable(TensorBuffer.From<double>([0.0], 1), name: "b");
        // g_a = (3, 0), g_b = (4): global norm 5, clipped to 1 → scale 0.2.
        var loss = G.Add(G.Sum(G.Mul(a, G.Constant(TensorBuffer.From<double>([3.0, 0.0], 2)))), G.Mul(G.Sum(b), 4.0));
        K.Function([], [], new Sgd(1.0, clipNorm: 1.0).GetUpdates(loss, [a, b])).Call();

        Assert.That(K.GetValue(a).Span<double>().ToArray(), Is.EqualTo(new[] { -0.6, 0.0 }).Within(1e-7));
        Assert.That(K.GetValue(b).Span<double>()[0], Is.EqualTo(-0.8).Within(1e-7));
    }

    [Test]
    public void ClipValue_ClipsEachElement()
    {
        var a = G.Variable(TensorBuffer.From<double>([0.0, 0.0], 2), name: "a");
        var loss = G.Sum(G.Mul(a, G.Constant(TensorBuffer.From<double>([3.0, -0.2], 2))));
        K.Function([], [], new Sgd(1.0, clipValue: 0.5).GetUpdates(loss, [a])).Call();

        Assert.That(K.GetValue(a).Span<double>().ToArray(), Is.EqualTo(new[] { -0.5, 0.2 }).Within(1e-7));
    }

    [Test]
    public void GetUpdates_DisconnectedParameter_ThrowsKerasMessage()
    {
        var p = G.Variable(TensorBuffer.From<double>([1.0], 1), name: "p");
        var q = G.Variable(TensorBuffer.From<double>([1.0], 1), name: "q");

        Assert.That(() => new Adam().GetUpdates(G.Sum(p), [p, q]), Throws.ArgumentException.With.Message.Contains("`None` for gradient").And.Message.Contains("'q'"));
    }

    /// <summary>The Keras 2 update rules in plain double arithmetic (KERAS_SEMANTICS §10).</summary>
    public static class Reference
    {
        public delegate void Rule(double[] p, double[] g, int t, Dictionary<string, double[]> s);

        private static double[] Slot(Dictionary<string, double[]> s, string name, int n, double init = 0) =>
            s.TryGetValue(name, out var v) ? v : s[name] = Enumerable.Repeat(init, n).ToArray();

        public static Rule Sgd(double lr0, double momentum, bool nesterov, double decay) => (p, g, t, s) =>
        {
            double lr = lr0 / (1 + decay * (t - 1));
            var v = Slot(s, "v", p.Length);
            for (int i = 0; i < p.Length; i++)
            {
                v[i] = momentum * v[i] - lr * g[i];
                p[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
            }
        };

        public static Rule RmsProp(double lr, double rho, double eps) => (p, g, t, s) =>
        {
            var a = Slot(s, "a", p.Length);
            for (int i = 0; i < p.Length; i++)
            {
                a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
                p[i] -= lr * g[i] / (Math.Sqrt(a[i]) + eps);
            }
        };

        public static Rule Adagrad(double lr, double eps) => (p, g, t, s) =>
        {
            var a = Slot(s, "a", p.Length);
            for (int i = 0; i < p.Length; i++)
            {
                a[i] += g[i] * g[i];
                p[i] -= lr * g[i] / (Math.Sqrt(a[i]) + eps);
            }
        };

        public static Rule Adadelta(double lr, double rho, double eps) => (p, g, t, s) =>
        {
            var (a, d) = (Slot(s, "a", p.Length), Slot(s, "d", p.Length));
            for (int i = 0; i < p.Length; i++)
            {
                a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
                double u = g[i] * Math.Sqrt(d[i] + eps) / Math.Sqrt(a[i] + eps);
                p[i] -= lr * u;
                d[i] = rho * d[i] + (1 - rho) * u * u;
            }
        };

        public static Rule Adam(double lr, double b1, double b2, double eps, bool amsgrad) => (p, g, t, s) =>
        {
            var (m, v, vh) = (Slot(s, "m", p.Length), Slot(s, "v", p.Length), Slot(s, "vh", p.Length));
            double lrT = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int i = 0; i < p.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                vh[i] = Math.Max(vh[i], v[i]);
                p[i] -= lrT * m[i] / (Math.Sqrt(amsgrad ? vh[i] : v[i]) + eps);
            }
        };

        public static Rule Adamax(double lr, double b1, double b2, double eps) => (p, g, t, s) =>
        {
            var (m, u) = (Slot(s, "m", p.Length), Slot(s, "u", p.Length));
            double lrT = lr / (1 - Math.Pow(b1, t));
            for (int i = 0; i < p.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                u[i] = Math.Max(b2 * u[i], Math.Abs(g[i]));
                p[i] -= lrT * m[i] / (u[i] + eps);
            }
        };

        public static Rule Nadam(double lr, double b1, double b2, double eps, double sd) => (p, g, t, s) =>
        {
            var (m, v, sched) = (Slot(s, "m", p.Length), Slot(s, "v", p.Length), Slot(s, "S", 1, 1.0));
            double muT = b1 * (1 - 0.5 * Math.Pow(0.96, t * sd));
            double muT1 = b1 * (1 - 0.5 * Math.Pow(0.96, (t + 1) * sd));
            double sNew = sched[0] * muT, sNext = sNew * muT1;
            sched[0] = sNew;
            for (int i = 0; i < p.Length; i++)
            {
                double gHat = g[i] / (1 - sNew);
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                double mHat = m[i] / (1 - sNext);
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double vHat = v[i] / (1 - Math.Pow(b2, t));
                double mBar = (1 - muT) * gHat + muT1 * mHat;
                p[i] -= lr * mBar / (Math.Sqrt(vHat) + eps);
            }
        };
    }
}
