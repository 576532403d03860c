using System.Diagnostics;

namespace Graph.Ops.Kernels;

/// <summary>
/// Dedicated background threads that help the calling thread with one GEMM at a time. C is cut into a grid of
/// chunks; every participant, the caller included, claims chunks with an atomic counter until none are left.
/// </summary>
/// <remarks>
/// The design avoids the measured trap of a spin-only pool that locked into 8 ms per call: the caller never waits
/// for a helper to <em>start</em> (if no helper wakes up, the caller does all chunks itself); it only waits for
/// chunks a running helper has already claimed, spinning briefly and then blocking. Helpers spin for a short time
/// after a job (back-to-back layer GEMMs arrive within microseconds), then park on an event.
/// The claim counter packs generation (24 bits) | chunk count (20) | next chunk (20) into one long, so a helper
/// that wakes late can never claim a chunk of a job other than the one whose parameters it then reads.
/// </remarks>
internal sealed class GemmThreadPool
{
    private const int IndexBits = 20;
    private const long IndexMask = (1L << IndexBits) - 1;
    private static readonly long HelperSpinTicks = Stopwatch.Frequency / 20_000; // 50 µs
    private static readonly long CallerSpinTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private readonly ManualResetEventSlim[] _wake;
    private readonly ManualResetEventSlim _finished = new(false);
    private long _state;
    private int _done, _total;
    private int _busy;
    private GemmArgs _args;
    private int _rowStep, _colStep, _gridCols;
    private bool _rowTimesMatrix;

    private GemmThreadPool(int helpers)
    {
        _wake = new ManualResetEventSlim[helpers];
        for (int i = 0; i < helpers; i++)
        {
            _wake[i] = new ManualResetEventSlim(false);
            var thread = new Thread(HelperLoop) { IsBackground = true, Name = $"Graph GEMM worker {i + 1}" };
            thread.Start(_wake[i]);
        }
    }

    /// <summary>
    /// The process-wide pool: one helper per additional core, or GRAPH_NUM_THREADS − 1 when that environment
    /// variable is set (read once; GRAPH_NUM_THREADS=1 makes every GEMM single-threaded).
    /// </summary>
    public static GemmThreadPool Shared { get; } = new(Math.Clamp(ConfiguredThreads() - 1, 0, 63));

    private static int ConfiguredThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("GRAPH_NUM_THREADS"), out int n) && n > 0
            ? Math.Min(n, Environment.ProcessorCount)
            : Environment.ProcessorCount;

    /// <summary>Participants in a job: the helpers plus the caller.</summary>
    public int Threads => _wake.Length + 1;

    /// <summary>
    /// Chunk sizes (multiples of the register tile) minimizing a simple cost model of one thread's time:
    /// rounds × chunk area × k (compute, rounds = ⌈chunks / threads⌉) + α·(re-packing: every chunk row packs its B
    /// columns, every chunk column its A rows) / threads + a share of one chunk (expected loss when a core stalls
    /// near the end, which smaller chunks let the other core absorb).
    /// </summary>
    public static void ChooseGrid(int m, int n, int k, int threads, int nr, out int rowStep, out int colStep)
    {
        const int mr = GemmBlocking.MR, maxSplit = 16;
        // Measured on the 2-core AVX-512 machine (2048³, 1024·784·512, 128·784·512): packing one element costs about
        // as much as 40 multiply-adds (it streams op(A)/op(B) from L3 while the kernel does 32 per cycle), and
        // 2–6 large chunks beat 16–48 small ones by 10–25 %.
        const double packCost = 40, stallShare = 0.15;
        double best = double.MaxValue;
        rowStep = GemmDriver.RoundUp(m, mr);
        colStep = GemmDriver.RoundUp(n, nr);
        int lastRows = -1;
        for (int gr = 1; gr <= maxSplit && gr * mr <= m; gr++)
        {
            int rs = GemmDriver.RoundUp(GemmDriver.CeilDiv(m, gr), mr);
            if (rs == lastRows) continue;
            lastRows = rs;
            int realGr = GemmDriver.CeilDiv(m, rs), lastCols = -1;
            for (int gc = 1; gc <= maxSplit && gc * nr <= Math.Max(n, nr); gc++)
            {
                int cs = GemmDriver.RoundUp(GemmDriver.CeilDiv(n, gc), nr);
                if (cs == lastCols) continue;
                lastCols = cs;
                int realGc = GemmDriver.CeilDiv(n, cs), chunks = realGr * realGc;
                double area = (double)rs * cs * k;
                double cost = GemmDriver.CeilDiv(chunks, threads) * area + stallShare * area
                    + packCost * ((double)realGr * n * k + (double)realGc * m * k) / threads;
                if (cost < best)
                {
                    best = cost;
                    rowStep = rs;
                    colStep = cs;
                }
            }
        }
    }

    /// <summary>
    /// Runs the GEMM over the chunk grid and returns true, or returns false at once when another thread's GEMM is
    /// using the pool (the caller then computes alone).
    /// </summary>
    public bool TryRun(in GemmArgs args, int rowStep, int colStep) => TryRun(args, rowStep, colStep, rowTimesMatrix: false);

    /// <summary>
    /// One row times a matrix (m = 1, neither operand transposed, beta = 0) split into column chunks of
    /// <paramref name="colStep"/>, each written straight into C by the GEMV kernel. A large one is bound by streaming
    /// the matrix from memory, so two cores each streaming half of it roughly halve the time.
    /// </summary>
    public bool TryRunRowTimesMatrix(in GemmArgs args, int colStep) => TryRun(args, 1, colStep, rowTimesMatrix: true);

    private bool TryRun(in GemmArgs args, int rowStep, int colStep, bool rowTimesMatrix)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            return false;
        try
        {
            int gridRows = GemmDriver.CeilDiv(args.M, rowStep);
            _gridCols = GemmDriver.CeilDiv(args.N, colStep);
            long total = (long)gridRows * _gridCols;
            if (total > IndexMask)
                return false;
            _args = args;
            _rowTimesMatrix = rowTimesMatrix;
            _rowStep = rowStep;
            _colStep = colStep;
            _done = 0;
            _total = (int)total;
            _finished.Reset();
            long generation = ((Volatile.Read(ref _state) >> (2 * IndexBits)) + 1) & 0xFFFFFF;
            // Publishing the state is the release that makes the job fields above visible to helpers.
            Volatile.Write(ref _state, (generation << (2 * IndexBits)) | (total << IndexBits));
            foreach (ManualResetEventSlim wake in _wake)
                wake.Set();
            Work();
            // Only chunks a helper already claimed remain. Spin briefly (they usually finish within microseconds),
            // then block: on an oversubscribed host a spinning caller takes the very CPU time the helper needs.
            long until = Stopwatch.GetTimestamp() + CallerSpinTicks;
            while (Volatile.Read(ref _done) < total && Stopwatch.GetTimestamp() < until)
                Thread.SpinWait(20);
            while (Volatile.Read(ref _done) < total)
                _finished.Wait();
            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private unsafe void Work()
    {
        int index;
        while ((index = TryClaim()) >= 0)
        {
            int r0 = index / _gridCols * _rowStep, c0 = index % _gridCols * _colStep;
            int c1 = Math.Min(_args.N, c0 + _colStep);
            if (_rowTimesMatrix) Gemv.AxpyRows(_args.A, _args.K, _args.B + c0, _args.Ldb, c1 - c0, _args.C + c0);
            else GemmDriver.RunChunk(_args, r0, Math.Min(_args.M, r0 + _rowStep), c0, c1);
            if (Interlocked.Increment(ref _done) == _total)
                _finished.Set();
        }
    }

    private int TryClaim()
    {
        long s = Volatile.Read(ref _state);
        while (true)
        {
            long next = s & IndexMask, total = (s >> IndexBits) & IndexMask;
            if (next >= total)
                return -1;
            long seen = Interlocked.CompareExchange(ref _state, s + 1, s);
            if (seen == s)
                return (int)next;
            s = seen;
        }
    }

    private bool HasWork()
    {
        long s = Volatile.Read(ref _state);
        return (s & IndexMask) < ((s >> IndexBits) & IndexMask);
    }

    private void HelperLoop(object? state)
    {
        var wake = (ManualResetEventSlim)state!;
        while (true)
        {
            Work();
            long until = Stopwatch.GetTimestamp() + HelperSpinTicks;
            while (!HasWork() && Stopwatch.GetTimestamp() < until)
                Thread.SpinWait(20);
            if (HasWork())
                continue;
            // Reset before the last check: a job published after it sets the event again, so no wake-up is lost.
            wake.Reset();
            if (!HasWork())
                wake.Wait();
        }
    }
}
