using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>Helpers shared by the recurrent layer tests: deterministic data and weight setting.</summary>
public abstract class RecurrentTestBase : GraphTestBase
{
    /// <summary>A float32 buffer of uniform values in [−scale, scale) from <paramref name="seed"/>.</summary>
    protected static TensorBuffer Uniform(int seed, double scale, params int[] dims)
    {
        var random = new Random(seed);
        var buffer = TensorBuffer.Zeros(DType.Float32, dims);
        var span = buffer.Span<float>();
        for (int i = 0; i < span.Length; i++) span[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return buffer;
    }

    /// <summary>A float32 buffer of ones.</summary>
    protected static TensorBuffer Ones(params int[] dims)
    {
        var buffer = TensorBuffer.Zeros(DType.Float32, dims);
        buffer.Span<float>().Fill(1);
        return buffer;
    }

    /// <summary>The <paramref name="n"/>×<paramref name="n"/> identity.</summary>
    protected static TensorBuffer Identity(int n)
    {
        var buffer = TensorBuffer.Zeros(DType.Float32, n, n);
        for (int i = 0; i < n; i++) buffer.Span<float>()[i * n + i] = 1;
        return buffer;
    }

    /// <summary>Copies every weight of <paramref name="from"/> into <paramref name="to"/> (same layout).</summary>
    protected static void CopyWeights(Layer from, Layer to)
    {
        for (int i = 0; i < from.Weights.Count; i++) K.SetValue(to.Weights[i], K.GetValue(from.Weights[i]));
    }

    /// <summary>The values of a float32 result.</summary>
    protected static float[] Values(TensorBuffer buffer) => buffer.Span<float>().ToArray();

    /// <summary>Asserts two float32 results agree elementwise within <paramref name="tolerance"/>.</summary>
    protected static void AssertClose(TensorBuffer actual, TensorBuffer expected, double tolerance, string what)
    {
        NUnit.Framework.Assert.That(actual.Dims, NUnit.Framework.Is.EqualTo(expected.Dims), what + " shape");
        NUnit.Framework.Assert.That(Values(actual), NUnit.Framework.Is.EqualTo(Values(expected)).Within(tolerance), what);
    }
}
