using Graph.Core;
using Graph.Runtime.Execution;

namespace Graph.Runtime.Compilation;

/// <summary>
/// An immutable compiled plan: the values a set of fetches needs for one signature (fed nodes, phase value),
/// a flat list of steps in execution order, the buffer slot of every computed value (reused by liveness), and the
/// variable updates committed at the end of a run. Concrete sizes come from a <see cref="PlanLayout"/> per feed shape.
/// </summary>
public sealed class Plan
{
    private readonly object _layoutGate = new();
    private volatile PlanLayout[] _layouts = [];

    internal Plan(PlanValue[] values, Step[] steps, int[] fetches, PlanUpdate[] updates, int[] feedValues,
        int[] slotOfValue, DType[] slotTypes)
    {
        Values = values;
        Steps = steps;
        Fetches = fetches;
        Updates = updates;
        FeedValues = feedValues;
        SlotOfValue = slotOfValue;
        SlotTypes = slotTypes;
        UsesRandom = steps.Any(s => s.Loop?.Body.UsesRandom ?? !s.Op.IsPure);
    }

    internal PlanValue[] Values { get; }
    internal Step[] Steps { get; }
    internal int[] Fetches { get; }
    internal PlanUpdate[] Updates { get; }
    /// <summary>Per position of the request's feed list: the value it fills, or −1 when the plan does not need it.</summary>
    internal int[] FeedValues { get; }
    internal int[] SlotOfValue { get; }
    internal DType[] SlotTypes { get; }

    /// <summary>True when a step draws random numbers (or is otherwise impure): runs then advance the session's run counter.</summary>
    public bool UsesRandom { get; }

    /// <summary>Number of variable updates committed by a run (updates that fold to <c>v := v</c> are dropped).</summary>
    public int UpdateCount => Updates.Length;

    /// <summary>The graph nodes whose kernels run, in execution order (inspection and tests).</summary>
    public IReadOnlyList<Node> StepNodes => Steps.Select(s => s.Origin).ToList();

    /// <summary>The op of every step, in execution order.</summary>
    public IReadOnlyList<Op> StepOps => Steps.Select(s => s.Op).ToList();

    /// <summary>Number of distinct buffers the computed values share.</summary>
    public int BufferSlots => SlotTypes.Length;

    /// <summary>Number of layouts (distinct feed shapes) seen so far.</summary>
    public int LayoutCount => _layouts.Length;

    /// <summary>The nested plans of the loop steps (their bodies), in execution order.</summary>
    public IReadOnlyList<Plan> LoopBodies => Steps.Where(s => s.Loop is not null).Select(s => s.Loop!.Body).ToList();

    /// <summary>One line per step: <c>[guard] name = Op(inputs)</c>; a loop's body follows it, indented.</summary>
    public string Describe() => string.Join("\n", Steps.Select(s =>
        (s.Guards.Length == 0 ? "" : "[" + string.Join(" & ", s.Guards.Select(g => $"{Values[g.Predicate].Origin.Name}=={g.Taken}")) + "] ")
        + $"{s.Origin.Name} = {s.Op}({string.Join(", ", s.Inputs.Select(i => Values[i].Origin.Name))})"
        + (s.Loop is { } loop ? "\n" + string.Join("\n", loop.Body.Describe().Split('\n').Select(line => "    " + line)) : "")));

    /// <summary>The layout for these concrete feed dims, or null when none was made yet (no allocation).</summary>
    internal PlanLayout? FindLayout(ReadOnlySpan<int> feedDimsKey)
    {
        foreach (var layout in _layouts)
            if (layout.Matches(feedDimsKey)) return layout;
        return null;
    }

    /// <summary>Adds a layout made on a miss, unless another thread added an equal one first (that one is returned).</summary>
    internal PlanLayout AddLayout(PlanLayout created, ReadOnlySpan<int> feedDimsKey)
    {
        lock (_layoutGate)
        {
            if (FindLayout(feedDimsKey) is { } existing) return existing;
            // Keep the most recent few: new sequence lengths or last partial batches must not grow this forever.
            var kept = _layouts.Length >= 8 ? _layouts[1..] : _layouts;
            _layouts = [.. kept, created];
            return created;
        }
    }
}

/// <summary>An update <c>variable := value</c> of a plan.</summary>
internal readonly record struct PlanUpdate(Node Variable, int VariableValue, int NewValue);
