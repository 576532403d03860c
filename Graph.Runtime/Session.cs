using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Graph.Core;
using Graph.Runtime.Compilation;

namespace Graph.Runtime;

/// <summary>
/// Runs compiled plans of one graph against a variable store (the graph's own by default), and holds the plan
/// cache, the random-run counter and the warning sink. Safe to call from several threads at once: runs without
/// updates share the store's read lock; runs with updates commit under its write lock.
/// </summary>
public sealed class Session
{
    private static readonly ConditionalWeakTable<ComputationGraph, Session> Defaults = new();
    private readonly ConcurrentDictionary<string, Lazy<Plan>> _plans = new();
    private readonly ConcurrentDictionary<string, Function> _runFunctions = new();
    private int _compilations;
    private long _runCounter;

    /// <summary>A session of <paramref name="graph"/> over <paramref name="store"/> (default: the graph's own store).</summary>
    public Session(ComputationGraph graph, VariableStore? store = null)
    {
        Graph = graph;
        Store = store ?? graph.Variables;
    }

    /// <summary>The graph's default session (what <c>K.Function</c> and <c>K.GetValue</c> use).</summary>
    public static Session For(ComputationGraph graph) => Defaults.GetValue(graph, g => new Session(g));

    /// <summary>The graph whose plans this session runs.</summary>
    public ComputationGraph Graph { get; }

    /// <summary>The variable values runs read and update.</summary>
    public VariableStore Store { get; }

    /// <summary>Where warnings go (default: standard error).</summary>
    public IWarningSink Warnings { get; set; } = new StandardErrorWarningSink();

    /// <summary>How many plans this session has compiled (a cache hit compiles nothing).</summary>
    public int PlanCompilations => Volatile.Read(ref _compilations);

    /// <summary>The counter of runs that drew random numbers.</summary>
    public long RunCounter => Interlocked.Read(ref _runCounter);

    /// <summary>
    /// Sets the random-run counter, so that a restored training state draws the same Dropout masks as the run it
    /// was saved from (every plan with random ops in this session continues from it).
    /// </summary>
    public void RestoreRunCounter(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Interlocked.Exchange(ref _runCounter, value);
    }

    /// <summary>A callable over fixed inputs, outputs and updates (Assign nodes), as <c>K.function</c>.</summary>
    public Function MakeFunction(IReadOnlyList<Node> inputs, IReadOnlyList<Node> outputs, IReadOnlyList<Node>? updates = null) =>
        new(this, inputs.ToArray(), outputs.ToArray(), updates?.ToArray() ?? []);

    /// <summary>TF1's <c>session.run(fetches, feed_dict)</c>. Fetching an Assign node commits it.</summary>
    public FunctionResult Run(IReadOnlyList<Node> fetches, IReadOnlyList<KeyValuePair<Node, FeedValue>>? feeds = null, RunOptions? options = null)
    {
        feeds ??= [];
        var key = string.Join(",", fetches.Select(f => f.Id)) + "|" + string.Join(",", feeds.Select(f => f.Key.Id));
        var function = _runFunctions.GetOrAdd(key, _ =>
            MakeFunction(feeds.Select(f => f.Key).ToArray(), fetches.ToArray()));
        var values = feeds.Select(f => f.Value).ToArray();
        return function.Call(options, values);
    }

    /// <summary>Compiles a plan once per distinct request (concurrent callers share one compilation).</summary>
    internal Plan Compile(CompileRequest request)
    {
        var key = string.Join(",", request.Fetches.Select(n => n.Id)) + "|" + string.Join(",", request.Updates.Select(n => n.Id))
            + "|" + string.Join(",", request.Feeds.Select(n => n.Id)) + "|" + request.Phase;
        var lazy = _plans.GetOrAdd(key, _ => new Lazy<Plan>(() =>
        {
            Interlocked.Increment(ref _compilations);
            return PlanCompiler.Compile(request);
        }));
        return lazy.Value;
    }

    /// <summary>The counter a run uses: pinned, advanced (plans with random ops), or the current one.</summary>
    internal long RunCounterFor(Plan plan, RunOptions? options) =>
        options?.PinnedRunCounter ?? (plan.UsesRandom ? Interlocked.Increment(ref _runCounter) : RunCounter);
}
