using System.Numerics.Tensors;
using Graph.Ops.Kernels;

namespace Graph.Bench;

/// <summary>
/// activations: throughput (Gelem/s) of FastMath.Tanh/Sigmoid/Exp against TensorPrimitives over 4096 floats
/// (L1-resident, the size of an LSTM gate block), one thread. No peer record; for our own tracking.
/// </summary>
internal static class Activations
{
    private const int Length = 4096;

    /// <summary>One JSON line per (function, implementation).</summary>
    public static IEnumerable<string> Run()
    {
        var rng = new Random(1234);
        float[] x = new float[Length], y = new float[Length];
        for (int i = 0; i < Length; i++) x[i] = (float)(rng.NextDouble() * 12 - 6);
        (string Name, Action Call)[] cases =
        [
            ("tanh_fastmath", () => FastMath.Tanh(x, y)),
            ("tanh_tensorprimitives", () => TensorPrimitives.Tanh(x, y)),
            ("sigmoid_fastmath", () => FastMath.Sigmoid(x, y)),
            ("sigmoid_tensorprimitives", () => TensorPrimitives.Sigmoid(x, y)),
            ("exp_fastmath", () => FastMath.Exp(x, y)),
            ("exp_tensorprimitives", () => TensorPrimitives.Exp(x, y)),
        ];
        foreach ((string name, Action call) in cases)
        {
            Timing t = Timing.Measure(call, samples: 51, inner: Timing.InnerFor(Length * 1e-9), warmupSeconds: 1.0);
            yield return Workloads.Record(name, "s/4096_elements", t, new()
            {
                ["length"] = Length, ["gelem_per_s_median"] = Length / t.MedianSeconds / 1e9,
                ["gelem_per_s_max"] = Length / t.MinSeconds / 1e9,
            });
        }
    }
}
