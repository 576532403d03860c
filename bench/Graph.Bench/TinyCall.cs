using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops;
using Graph.Runtime;

namespace Graph.Bench;

/// <summary>tiny_call: one call of a compiled tanh(x·W + b) with x 1×16, W 16×16 (per-call overhead).</summary>
internal static class TinyCall
{
    /// <summary>Times <see cref="Function.Call(ReadOnlySpan{FeedValue})"/> like torch_bench.py (1000 calls per sample).</summary>
    public static Timing Measure()
    {
        var graph = new ComputationGraph(seed: 1234);
        using var scope = graph.AsDefault();
        var rng = new Random(1234);
        Node x = K.Placeholder([1, 16], name: "x");
        Node w = K.Variable(Tensor.Create(RandomArray(rng, 256), [16, 16]), name: "W");
        Node b = K.Variable(Tensor.Create(RandomArray(rng, 16), [16]), name: "b");
        Node y = K.Tanh(G.Add(K.Dot(x, w), b));
        Function f = K.Function([x], [y]);
        Tensor<float> input = Tensor.Create(RandomArray(rng, 16), [1, 16]);
        return Timing.Measure(() => f.Call(input), samples: 200, inner: 1000, warmupSeconds: 1.5);
    }

    private static float[] RandomArray(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}
