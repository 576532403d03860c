using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>
/// Checks for graphs that are not single catalog primitives (composed builders, gradients of gradients): run a
/// build on concrete values, and compare its autodiff gradient with central finite differences in float64.
/// </summary>
public static class GradientCheck
{
    /// <summary>Placeholders typed like <paramref name="values"/> (fully known shapes).</summary>
    public static Node[] Placeholders(TensorBuffer[] values) =>
        values.Select((v, i) => K.Placeholder(Shape.Of(v.Dims), v.DType, name: $"in{i}")).ToArray();

    /// <summary>Runs the build on the values and returns its result as doubles.</summary>
    public static double[] Eval(Func<Node[], Node> build, params TensorBuffer[] values)
    {
        var inputs = Placeholders(values);
        var f = K.Function(inputs, [build(inputs)]);
        return ToDoubles(f.Call(values.Select(v => (FeedValue)v).ToArray()).Buffer(0));
    }

    /// <summary>A buffer's elements as doubles.</summary>
    public static double[] ToDoubles(TensorBuffer b) =>
        Enumerable.Range(0, b.Length).Select(i => Convert.ToDouble(b.Data.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A float64 buffer of deterministic values in [min, max).</summary>
    public static TensorBuffer Values(int seed, double min, double max, params int[] dims)
    {
        var random = new System.Random(seed);
        var b = TensorBuffer.Zeros(DType.Float64, dims);
        var s = b.Span<double>();
        for (int i = 0; i < s.Length; i++) s[i] = min + random.NextDouble() * (max - min);
        return b;
    }

    /// <summary>
    /// Asserts that ∂(Σ w·f)/∂input equals central differences for every float64 input, with w a fixed weighting of
    /// the outputs (so every output element matters). Tolerance as the catalog: 1e-6 relative.
    /// </summary>
    public static void Verify(Func<Node[], Node> build, params TensorBuffer[] values)
    {
        var inputs = Placeholders(values);
        var output = build(inputs);
        Assert.That(output.DType, Is.EqualTo(DType.Float64), "gradient checks run in float64");
        var weights = Values(99, -1, 1, output.Shape.ToArray());
        var objective = G.Sum(G.Mul(output, G.Constant(weights)));
        var wrt = inputs.Where(p => p.DType == DType.Float64).ToArray();
        var grads = Autodiff.Gradients(objective, wrt, zerosForDisconnected: true).Select(g => g!).ToArray();
        FeedValue[] Feeds() => values.Select(v => (FeedValue)v).ToArray();
        var analytic = K.Function(inputs, grads).Call(Feeds());
        var forward = K.Function(inputs, [objective]);

        for (int p = 0, gi = 0; p < inputs.Length; p++)
        {
            if (inputs[p].DType != DType.Float64) continue;
            var x = values[p].Span<double>();
            var a = analytic.Buffer(gi++).Span<double>().ToArray();
            for (int i = 0; i < x.Length; i++)
            {
                double saved = x[i], h = 1e-6 * Math.Max(1, Math.Abs(saved));
                x[i] = saved + h;
                double plus = forward.Call(Feeds()).Scalar<double>(0);
                x[i] = saved - h;
                double minus = forward.Call(Feeds()).Scalar<double>(0);
                x[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.That(a[i], Is.EqualTo(numeric).Within(1e-6 * Math.Max(1, Math.Max(Math.Abs(a[i]), Math.Abs(numeric)))), $"∂/∂input{p}[{i}]");
            }
        }
    }
}
