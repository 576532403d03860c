using Graph.Core;
using Graph.Runtime.Compilation;
using Graph.Runtime.Execution;

namespace Graph.Runtime;

/// <summary>
/// A compiled callable over fixed inputs, outputs and updates: Keras's <c>K.function</c>. The learning-phase node
/// may be an input, fed 0/1 or false/true; each phase value gets its own plan with the untaken branches removed.
/// A call validates every feed before any kernel runs, reuses cached plans and layouts (a new batch size compiles
/// nothing), returns outputs computed before the updates, and commits all updates together at the end.
/// </summary>
public sealed class Function
{
    private readonly Session _session;
    private readonly Node[] _inputs, _outputs, _updates;
    private readonly int _phaseInput;
    private readonly object _planGate = new();
    private volatile PlanEntry[] _plans = [];
    private int _compileCount, _warnedPhase;

    internal Function(Session session, Node[] inputs, Node[] outputs, Node[] updates)
    {
        if (inputs.Length > 64) throw new ArgumentException($"A function takes at most 64 inputs; {inputs.Length} were given.");
        foreach (var node in inputs.Concat(outputs).Concat(updates))
            if (node.Graph != session.Graph)
                throw new ArgumentException($"'{node.Name}' belongs to another graph than the session's.");
        if (inputs.Distinct().Count() != inputs.Length) throw new ArgumentException("A function's inputs must be distinct nodes.");
        _session = session;
        (_inputs, _outputs, _updates) = (inputs, outputs, updates);
        var graph = session.Graph;
        _phaseInput = graph.HasLearningPhase ? Array.IndexOf(inputs, graph.LearningPhase) : -1;
        UsesLearningPhase = outputs.Concat(updates).Any(n => n.UsesLearningPhase);
    }

    /// <summary>The fed nodes, in call order.</summary>
    public IReadOnlyList<Node> Inputs => _inputs;

    /// <summary>The fetched nodes, in result order.</summary>
    public IReadOnlyList<Node> Outputs => _outputs;

    /// <summary>The updates (Assign nodes) committed by each call.</summary>
    public IReadOnlyList<Node> Updates => _updates;

    /// <summary>True when an output or update depends on the learning phase.</summary>
    public bool UsesLearningPhase { get; }

    /// <summary>True when the learning-phase node is one of the inputs.</summary>
    public bool FeedsLearningPhase => _phaseInput >= 0;

    /// <summary>How many plans this function has compiled (one per distinct fed set and phase value).</summary>
    public int CompileCount => Volatile.Read(ref _compileCount);

    /// <summary>Calls the function; values are matched to inputs in order, missing trailing ones are not fed.</summary>
    public FunctionResult Call(params ReadOnlySpan<FeedValue> values) => Call(null, values);

    /// <summary>As <see cref="Call(ReadOnlySpan{FeedValue})"/> with run options (e.g. a pinned random counter).</summary>
    /// <exception cref="ArgumentException">a feed has the wrong dtype, rank or dims, or the phase is not 0/1; nothing ran.</exception>
    /// <exception cref="InvalidOperationException">a needed placeholder was not fed; nothing ran.</exception>
    /// <exception cref="ExecutionException">a kernel failed; no variable changed.</exception>
    public FunctionResult Call(RunOptions? options, params ReadOnlySpan<FeedValue> values)
    {
        if (values.Length > _inputs.Length)
            throw new ArgumentException($"The function has {_inputs.Length} inputs; {values.Length} values were given.");
        ulong fedMask = 0;
        int phase = -1, keyLength = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!values[i].IsFed) continue;
            fedMask |= 1UL << i;
            if (i == _phaseInput) phase = FeedValidation.PhaseValue(_inputs[i], values[i]) ? 1 : 0;
            else keyLength += 1 + values[i].Rank;
        }
        if (UsesLearningPhase && phase < 0 && Interlocked.Exchange(ref _warnedPhase, 1) == 0)
            _session.Warnings.Warn(
                "The outputs of this function use the learning phase, but it is not among the fed inputs: it defaults to 0 (inference), " +
                "so Dropout/BatchNormalization run in inference mode. Add K.LearningPhase() to the inputs and feed 1 to train.");

        // The layout key lists each fed value's rank and dims; the same dims validate the feed (before anything runs).
        Span<int> key = keyLength <= 128 ? stackalloc int[keyLength] : new int[keyLength];
        for (int i = 0, k = 0; i < values.Length; i++)
        {
            if (!values[i].IsFed || i == _phaseInput) continue;
            int rank = values[i].Rank;
            key[k] = rank;
            var dims = key.Slice(k + 1, rank);
            values[i].GetDims(dims);
            FeedValidation.Check(_inputs[i], values[i], dims);
            k += 1 + rank;
        }
        var plan = PlanFor(fedMask, phase);
        var layout = plan.FindLayout(key) ?? plan.AddLayout(CreateLayout(plan, values), key);
        var arena = layout.Rent();
        try
        {
            for (int i = 0, position = 0; i < values.Length; i++)
            {
                if (!values[i].IsFed) continue;
                int v = plan.FeedValues[position++];
                if (v >= 0) values[i].CopyTo(arena.Values[v]);
            }
            return Execute(plan, arena, options);
        }
        finally { layout.Return(arena); }
    }

    /// <summary>
    /// The plan used when every input is fed and, if the learning phase is an input, it is fed <paramref name="phase"/>
    /// (inspection: which steps remain for each phase).
    /// </summary>
    public Plan PlanFor(int? phase = null)
    {
        ulong all = _inputs.Length == 64 ? ulong.MaxValue : (1UL << _inputs.Length) - 1;
        if (_phaseInput >= 0 && phase is null) all &= ~(1UL << _phaseInput);
        return PlanFor(all, _phaseInput >= 0 ? phase ?? -1 : -1);
    }

    private FunctionResult Execute(Plan plan, Arena arena, RunOptions? options)
    {
        var context = new KernelContext(_session.RunCounterFor(plan, options), 0);
        var store = _session.Store;
        bool updates = plan.Updates.Length > 0;
        if (updates) store.Lock.EnterUpgradeableReadLock();
        else store.Lock.EnterReadLock();
        try
        {
            Executor.Run(plan, arena, context);
            var outputs = new TensorBuffer[plan.Fetches.Length];
            for (int i = 0; i < outputs.Length; i++)
            {
                var value = arena.Values[plan.Fetches[i]];
                // Copy the dims too: the layout's array is read by kernels on later runs, so the caller must not hold it.
                outputs[i] = TensorBuffer.Zeros(value.DType, value.Dims.AsSpan().ToArray());
                value.CopyTo(outputs[i]);
            }
            var result = new FunctionResult(outputs);
            if (updates && (options?.CommitIf?.Invoke(result) ?? true)) Commit(plan, arena, store);
            return result;
        }
        finally
        {
            if (updates) store.Lock.ExitUpgradeableReadLock();
            else store.Lock.ExitReadLock();
        }
    }

    private static void Commit(Plan plan, Arena arena, VariableStore store)
    {
        store.Lock.EnterWriteLock();
        try
        {
            foreach (var update in plan.Updates)
                arena.Values[update.NewValue].CopyTo(arena.Values[update.VariableValue]);
        }
        finally { store.Lock.ExitWriteLock(); }
    }

    private Plan PlanFor(ulong fedMask, int phase)
    {
        foreach (var entry in _plans)
            if (entry.FedMask == fedMask && entry.Phase == phase) return entry.Plan;
        lock (_planGate)
        {
            foreach (var entry in _plans)
                if (entry.FedMask == fedMask && entry.Phase == phase) return entry.Plan;
            var feeds = _inputs.Where((_, i) => (fedMask & (1UL << i)) != 0).ToArray();
            int before = _session.PlanCompilations;
            var plan = _session.Compile(new CompileRequest(_outputs, _updates, feeds, phase < 0 ? null : phase == 1, _session.Store));
            if (_session.PlanCompilations != before) Interlocked.Increment(ref _compileCount);
            _plans = [.. _plans, new PlanEntry(fedMask, phase, plan)];
            return plan;
        }
    }

    private PlanLayout CreateLayout(Plan plan, ReadOnlySpan<FeedValue> values)
    {
        var fedDims = new List<int[]>();
        var key = new List<int>();
        for (int i = 0; i < values.Length; i++)
        {
            if (!values[i].IsFed) continue;
            var dims = new int[i == _phaseInput ? 0 : values[i].Rank];
            if (i != _phaseInput)
            {
                values[i].GetDims(dims);
                key.Add(dims.Length);
                key.AddRange(dims);
            }
            fedDims.Add(dims);
        }
        return new PlanLayout(plan, _session.Store, key.ToArray(), position => fedDims[position]);
    }

    private sealed record PlanEntry(ulong FedMask, int Phase, Plan Plan);
}
