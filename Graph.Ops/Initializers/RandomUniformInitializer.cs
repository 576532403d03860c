using Graph.Core;
using Graph.Ops.Random;

namespace Graph.Ops.Initializers;

/// <summary>
/// Uniform in [min, max) from the counter-based generator (Keras <c>RandomUniform</c>, default ±0.05), and the
/// Glorot/Xavier uniform variant whose limit is <c>sqrt(6 / (fan_in + fan_out))</c>.
/// </summary>
public sealed class RandomUniformInitializer(double min = -0.05, double max = 0.05, string name = "random_uniform") : IInitializer
{
    /// <summary>Keras <c>glorot_uniform</c> for a variable of <paramref name="shape"/> (fans as Keras computes them).</summary>
    public static RandomUniformInitializer GlorotUniform(Shape shape)
    {
        var (fanIn, fanOut) = Fans.Compute(shape.ToArray());
        double limit = Math.Sqrt(6.0 / Math.Max(1.0, fanIn + fanOut));
        return new RandomUniformInitializer(-limit, limit, "glorot_uniform");
    }

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public void Fill(TensorBuffer target, ulong seed)
    {
        if (target.DType == DType.Float32)
        {
            var d = target.Span<float>();
            Philox.FillUniform(d, seed, stream: 0);
            for (int i = 0; i < d.Length; i++) d[i] = (float)(min + (max - min) * d[i]);
        }
        else if (target.DType == DType.Float64)
        {
            var d = target.Span<double>();
            Philox.FillUniform(d, seed, stream: 0);
            for (int i = 0; i < d.Length; i++) d[i] = min + (max - min) * d[i];
        }
        else throw new ArgumentException($"{Name} fills float variables; this one is {target.DType.Name()}.");
    }
}

/// <summary>Fan-in and fan-out of a weight shape, as TF/tf.keras compute them.</summary>
public static class Fans
{
    /// <summary>
    /// <c>()</c> → (1, 1); <c>(n)</c> → (n, n); <c>(a, b)</c> → (a, b); <c>(..., in, out)</c> → (in·rf, out·rf)
    /// with rf the product of the leading (receptive-field) dimensions.
    /// </summary>
    public static (double FanIn, double FanOut) Compute(ReadOnlySpan<int> shape)
    {
        switch (shape.Length)
        {
            case 0: return (1, 1);
            case 1: return (shape[0], shape[0]);
            case 2: return (shape[0], shape[1]);
            default:
                double receptive = 1;
                for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
                return (shape[^2] * receptive, shape[^1] * receptive);
        }
    }
}
