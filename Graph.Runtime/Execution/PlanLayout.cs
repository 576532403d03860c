using Graph.Core;
using Graph.Runtime.Compilation;

namespace Graph.Runtime.Execution;

/// <summary>
/// Concrete sizes of a plan for one set of feed shapes: every value's dims (the ops' shape rules run on concrete
/// shapes, which is also where a shape that only fails at run time is caught) and every slot's length. Holds a
/// pool of arenas. A new batch size makes a new layout, never a new plan.
/// </summary>
internal sealed class PlanLayout
{
    private readonly int[] _feedKey;
    private readonly Stack<Arena> _pool = new();
    private Arena? _ready;
    private readonly Plan _plan;
    private readonly VariableStore _store;

    public PlanLayout(Plan plan, VariableStore store, int[] feedKey, Func<int, int[]> fedDims)
    {
        _plan = plan;
        _store = store;
        _feedKey = feedKey;
        Dims = new int[plan.Values.Length][];
        DeferredErrors = new Exception?[plan.Values.Length];
        foreach (var value in plan.Values)
            Dims[value.Index] = value.Kind switch
            {
                ValueKind.Constant => value.Constant!.Dims,
                ValueKind.Variable => value.Type.Shape.ToArray(),
                ValueKind.Feed => fedDims(value.FeedPosition),
                _ when value.Loop is not null => LoopElementDims(value),
                _ => ComputedDims(value),
            };
        SlotLengths = new int[plan.SlotTypes.Length];
        foreach (var value in plan.Values)
        {
            int slot = plan.SlotOfValue[value.Index];
            if (slot < 0) continue;
            long length = 1;
            foreach (int d in Dims[value.Index]) length *= d;
            SlotLengths[slot] = (int)Math.Max(SlotLengths[slot], checked(length));
        }
    }

    public int[][] Dims { get; }

    /// <summary>The concrete sizes of each loop step's body, keyed by the step's first output value.</summary>
    public Dictionary<int, LoopLayout> Loops { get; } = new();

    /// <summary>
    /// Shape errors of values that only a dynamic Switch branch needs: raised if that step actually runs, since the
    /// untaken branch of a Switch must not fail a run (TF's cond never looks at it).
    /// </summary>
    public Exception?[] DeferredErrors { get; }
    public int[] SlotLengths { get; }

    public bool Matches(ReadOnlySpan<int> feedKey) => feedKey.SequenceEqual(_feedKey);

    public Arena Rent()
    {
        // One arena waits in a lock-free slot (the common case: calls one after another); others wait in the pool.
        if (Interlocked.Exchange(ref _ready, null) is { } ready) return ready;
        lock (_pool)
            if (_pool.Count > 0) return _pool.Pop();
        return new Arena(_plan, this, _store);
    }

    public void Return(Arena arena)
    {
        if (Interlocked.CompareExchange(ref _ready, arena, null) is null) return;
        lock (_pool) _pool.Push(arena);
    }

    private bool IsGuarded(int valueIndex) =>
        _plan.Steps.FirstOrDefault(s => s.Output == valueIndex) is { Guards.Length: > 0 };

    private int[] LoopElementDims(PlanValue element)
    {
        int first = element.Index - element.Element;
        if (element.Element > 0)
        {
            if (Loops.TryGetValue(first, out var known)) return known.ElementDims[element.Element];
            // The loop cannot run at these shapes: every element carries the deferred error (or none was deferred).
            DeferredErrors[element.Index] = DeferredErrors[first];
            return new int[element.Type.Shape.Rank];
        }
        try
        {
            var layout = LoopLayout.Create(element, i => Dims[i], _store);
            Loops[first] = layout;
            return layout.ElementDims[0];
        }
        catch (Exception e) when (e is ShapeRuleException or ArgumentException or InvalidOperationException or ExecutionException)
        {
            var error = ExecutionException.ForNode(element.Origin, element.Inputs.Select(i => Dims[i]).ToArray(), e);
            if (!IsGuarded(element.Index)) throw error;
            DeferredErrors[element.Index] = error;
            return new int[element.Type.Shape.Rank];
        }
    }

    private int[] ComputedDims(PlanValue value)
    {
        // A Switch branch that cannot run at these shapes fails only if taken; the Switch has the other one's shape.
        if (value.Op is Core.Structural.SwitchOp)
        {
            if (DeferredErrors[value.Inputs[1]] is not null) return Dims[value.Inputs[2]];
            if (DeferredErrors[value.Inputs[2]] is not null) return Dims[value.Inputs[1]];
        }
        var inputTypes = value.Inputs.Select(i => new TensorType(_plan.Values[i].Type.DType, Shape.Of(Dims[i]))).ToArray();
        try
        {
            var type = value.TupleKernel is { } tupleKernel ? tupleKernel.InferTupleTypes(inputTypes)[value.Element] : value.Op!.InferType(inputTypes);
            return type.Shape.ToArray();
        }
        catch (Exception e) when (e is ShapeRuleException or ArgumentException or InvalidOperationException)
        {
            var error = ExecutionException.ForNode(value.Origin, value.Inputs.Select(i => Dims[i]).ToArray(), e);
            if (!IsGuarded(value.Index)) throw error;
            DeferredErrors[value.Index] = error;
            return new int[value.Type.Shape.Rank];
        }
    }
}
