using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Graph.Bench;

/// <summary>Median and minimum of per-call times, in seconds.</summary>
/// <param name="MedianSeconds">Median over samples of the per-call time.</param>
/// <param name="MinSeconds">Fastest sample's per-call time.</param>
internal readonly record struct Timing(double MedianSeconds, double MinSeconds)
{
    /// <summary>
    /// Calls <paramref name="call"/> for at least <paramref name="warmupSeconds"/> (tiered JIT reaches its final
    /// code only after that), then takes <paramref name="samples"/> samples of <paramref name="inner"/> back-to-back
    /// calls each, so timer overhead is amortised for microsecond-scale calls, as torch_bench.py does.
    /// </summary>
    /// <remarks>
    /// The harness loop itself is compiled fully optimized up front: at Tier0 (the first call in a process) it
    /// added microseconds per sample and made the first workload of a run look several times slower.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Timing Measure(Action call, int samples, int inner = 1, double warmupSeconds = 1.0)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < warmupSeconds)
            for (int i = 0; i < inner; i++) call();
        var times = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < inner; i++) call();
            times[s] = Stopwatch.GetElapsedTime(t0).TotalSeconds / inner;
        }
        Array.Sort(times);
        double median = samples % 2 == 1 ? times[samples / 2] : 0.5 * (times[samples / 2 - 1] + times[samples / 2]);
        return new Timing(median, times[0]);
    }

    /// <summary>How many calls of about <paramref name="secondsPerCall"/> make a sample of ≥ 2 ms.</summary>
    public static int InnerFor(double secondsPerCall) => Math.Max(1, (int)Math.Ceiling(2e-3 / Math.Max(secondsPerCall, 1e-9)));
}
