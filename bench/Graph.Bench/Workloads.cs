using System.Text.Json;
using Graph.Ops.Kernels;

namespace Graph.Bench;

/// <summary>The benchmark workloads by name; each yields JSON lines shaped like torch_bench.py's records.</summary>
internal static class Workloads
{
    /// <summary>Workloads run when none is named.</summary>
    public static readonly string[] Default = ["sgemm", "tiny_call", "mlp_train", "mlp_predict_b1024", "mlp_predict_b1"];

    /// <summary>Every workload by name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IEnumerable<string>>> All =
        new Dictionary<string, Func<IEnumerable<string>>>
        {
            ["sgemm"] = () => [Sgemm(2048, 2048, 2048, false, false, "sgemm", samples: 15)],
            ["sgemm_shapes"] = SgemmShapes,
            ["sgemm_latency"] = () => [SgemmLatency()],
            ["tiny_call"] = () => [TinyCallRecord()],
            ["mlp_train"] = () => [Record("mlp_train", "s/train_step", Mlp.Train(), new() { ["batch"] = 128 })],
            ["mlp_predict_b1024"] = () => [Record("mlp_predict_b1024", "s/batch", Mlp.Predict(1024), new() { ["batch"] = 1024 })],
            ["mlp_predict_b1"] = () => [Record("mlp_predict_b1", "s/batch", Mlp.Predict(1), new() { ["batch"] = 1 })],
            ["lstm_train"] = () => [Record("lstm_train", "s/train_step", Rnn.Train(lstm: true), new() { ["batch"] = 64, ["seq_len"] = 80 })],
            ["gru_train"] = () => [Record("gru_train", "s/train_step", Rnn.Train(lstm: false), new() { ["batch"] = 64, ["seq_len"] = 80 })],
            ["lstm_predict"] = () => [Record("lstm_predict", "s/predict_batch", Rnn.Predict(), new() { ["batch"] = 64, ["seq_len"] = 80 })],
            ["activations"] = Activations.Run,
        };

    private static int Threads => GemmThreadPool.Shared.Threads;

    /// <summary>The MLP training shapes (M, K, N) of PERFORMANCE_NOTES.md under all four transpose layouts.</summary>
    private static IEnumerable<string> SgemmShapes()
    {
        (int M, int K, int N)[] shapes = [(128, 784, 512), (1024, 784, 512), (128, 512, 512), (64, 128, 512), (1, 784, 512)];
        foreach ((int m, int k, int n) in shapes)
            foreach ((bool ta, bool tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
                yield return Sgemm(m, k, n, ta, tb, $"sgemm_m{m}_k{k}_n{n}_{(ta ? 't' : 'n')}{(tb ? 't' : 'n')}", samples: 41);
    }

    /// <summary>
    /// Per-call latency distribution of back-to-back threaded 64×128×512 GEMMs (≈20–40 µs each): a pool that
    /// waits on a descheduled helper shows up here as a p99 or max of several milliseconds.
    /// </summary>
    private static string SgemmLatency()
    {
        const int m = 64, k = 128, n = 512, calls = 20_000;
        var rng = new Random(1234);
        float[] a = RandomArray(rng, m * k), b = RandomArray(rng, k * n), c = new float[m * n];
        void Call() => Gemm.Multiply(false, false, m, n, k, a, k, b, n, c, n);
        Timing.Measure(Call, samples: 1, inner: 1, warmupSeconds: 1.0);
        var times = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            Call();
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(times);
        return Record("sgemm_latency", "s/matmul", new Timing(times[calls / 2], times[0]), new()
        {
            ["m"] = m, ["k"] = k, ["n"] = n, ["calls"] = calls,
            ["p90_s"] = times[calls * 9 / 10], ["p99_s"] = times[calls * 99 / 100], ["max_s"] = times[^1],
            ["calls_over_1ms"] = times.Count(t => t > 1e-3),
        });
    }

    private static string TinyCallRecord()
    {
        Timing t = TinyCall.Measure();
        return Record("tiny_call", "s/call", t, new()
        {
            ["inner"] = 1000, ["median_us"] = t.MedianSeconds * 1e6, ["min_us"] = t.MinSeconds * 1e6,
        });
    }

    private static string Sgemm(int m, int k, int n, bool transA, bool transB, string name, int samples)
    {
        var rng = new Random(1234);
        float[] a = RandomArray(rng, m * k), b = RandomArray(rng, k * n), c = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        void Call() => Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, n);
        double flops = 2.0 * m * n * k;
        int inner = Timing.InnerFor(flops / 100e9);
        Timing t = Timing.Measure(Call, samples, inner);
        return Record(name, "s/matmul", t, new()
        {
            ["m"] = m, ["k"] = k, ["n"] = n, ["trans_a"] = transA, ["trans_b"] = transB, ["inner"] = inner,
            ["gflops_median"] = flops / t.MedianSeconds / 1e9, ["gflops_max"] = flops / t.MinSeconds / 1e9,
        });
    }

    internal static string Record(string workload, string unit, Timing t, Dictionary<string, object> extra)
    {
        var record = new Dictionary<string, object>
        {
            ["workload"] = workload, ["peer"] = "graph", ["threads"] = Threads,
            ["median_s"] = t.MedianSeconds, ["min_s"] = t.MinSeconds, ["unit"] = unit,
        };
        foreach (var (key, value) in extra)
            record[key] = value;
        return JsonSerializer.Serialize(record);
    }

    private static float[] RandomArray(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}
