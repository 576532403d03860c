using System.Runtime.CompilerServices;
using Graph.Core;
using Graph.Core.Structural;
using Graph.Runtime.Execution;

namespace Graph.Runtime.Compilation;

/// <summary>
/// Turns a <see cref="CompileRequest"/> into a <see cref="Plan"/>: resolves from the fetches down (so only what
/// they need is visited), substitutes fed nodes and unfed defaults, folds every Switch whose predicate is known
/// (the untaken branch is never visited), folds pure ops on constants, merges equal pure nodes (CSE), drops
/// updates that fold to <c>v := v</c>, guards steps that only a dynamic Switch branch needs, and gives computed
/// values buffer slots reused by liveness.
/// </summary>
internal sealed class PlanCompiler
{
    private readonly CompileRequest _request;
    private readonly List<PlanValue> _values = new();
    private readonly Dictionary<Node, int> _resolved = new();
    private readonly Dictionary<Node, int[]> _tuples = new();
    private readonly Dictionary<Node, Node[]> _saved;
    private readonly Dictionary<(Op Op, string Inputs), int> _pure = new();
    private readonly Dictionary<Node, int> _feedPosition = new();
    private readonly List<PlanUpdate> _updates = new();
    private readonly Node? _phaseNode;

    private PlanCompiler(CompileRequest request)
    {
        _request = request;
        for (int i = 0; i < request.Feeds.Length; i++) _feedPosition[request.Feeds[i]] = i;
        var graph = request.Fetches.Concat(request.Updates).Concat(request.Feeds).FirstOrDefault()?.Graph;
        _phaseNode = graph is { HasLearningPhase: true } ? graph.LearningPhase : null;
        _saved = SavedValues(request.Fetches.Concat(request.Updates));
    }

    /// <summary>
    /// Per loop node, the body nodes whose stacked values some <see cref="StackedValueOp"/> reads: known before the
    /// loop is compiled, so its body computes them once, together with its results.
    /// </summary>
    private static Dictionary<Node, Node[]> SavedValues(IEnumerable<Node> roots)
    {
        var found = new Dictionary<Node, HashSet<Node>>();
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(roots);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node)) continue;
            if (node.Op is StackedValueOp saved)
                (found.TryGetValue(node.Inputs[0], out var set) ? set : found[node.Inputs[0]] = []).Add(saved.Value);
            foreach (var input in node.Inputs) stack.Push(input);
        }
        return found.ToDictionary(p => p.Key, p => p.Value.OrderBy(v => v.Id).ToArray());
    }

    /// <summary>Compiles <paramref name="request"/>.</summary>
    /// <exception cref="InvalidOperationException">a needed placeholder is not fed, or an op cannot be compiled; nothing runs.</exception>
    public static Plan Compile(CompileRequest request) => new PlanCompiler(request).Build();

    private Plan Build()
    {
        var fetches = _request.Fetches.Select(Resolve).ToArray();
        foreach (var update in _request.Updates)
        {
            if (update.Op is not AssignOp)
                throw new ArgumentException($"Updates must be Assign nodes; '{update.Name}' is a {update.Op.Type}.");
            Resolve(update);
        }
        var values = _values.ToArray();
        var guards = Guards.Compute(values, fetches, _updates);
        var steps = new List<Step>();
        // One step writes every element of a tuple; it runs when any element that is read is needed.
        GuardTerm[] TupleGuard(int[] outputs) =>
            outputs.Select(o => guards[o]).OfType<GuardTerm[]>().DefaultIfEmpty([]).Aggregate((a, b) => a.Intersect(b).ToArray());
        foreach (var v in values.Where(v => v.Kind == ValueKind.Computed))
        {
            if (v.Loop is { } loop)
            {
                if (v.Element != 0) continue;
                var outputs = Enumerable.Range(v.Index, loop.OutputCount).ToArray();
                steps.Add(new Step(loop.Op, v.Origin, outputs, v.Inputs, TupleGuard(outputs), loop));
                continue;
            }
            if (v.TupleKernel is { } tupleKernel)
            {
                if (v.Element != 0) continue;
                var outputs = Enumerable.Range(v.Index, v.Origin.TupleTypes.Count).ToArray();
                steps.Add(new Step(tupleKernel, v.Origin, outputs, v.Inputs, TupleGuard(outputs)));
                continue;
            }
            foreach (var term in guards[v.Index] ?? [])
                if (term.Predicate >= v.Index)
                    throw new InvalidOperationException($"Internal: guard of '{v.Origin.Name}' reads a later predicate.");
            steps.Add(new Step(v.Op!, v.Origin, [v.Index], v.Inputs, guards[v.Index] ?? []));
        }
        var (slotOfValue, slotTypes) = Liveness.AssignSlots(values, steps, fetches, _updates,
            _request.PinFeeds, _request.Feeds.Length - _request.BoundFeeds);
        var feedValues = _request.Feeds.Select(f => _resolved.TryGetValue(f, out int v) && values[v].Kind == ValueKind.Feed ? v : -1).ToArray();
        return new Plan(values, steps.ToArray(), fetches, _updates.ToArray(), feedValues, slotOfValue, slotTypes);
    }

    private int Resolve(Node node)
    {
        if (_resolved.TryGetValue(node, out int known)) return known;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        int v = ResolveUncached(node);
        _resolved[node] = v;
        return v;
    }

    private int ResolveUncached(Node node)
    {
        if (_feedPosition.TryGetValue(node, out int position))
        {
            return node == _phaseNode && _request.Phase is { } phase
                ? AddConstant(node, TensorBuffer.From<bool>([phase]))
                : Add(new PlanValue { Index = _values.Count, Kind = ValueKind.Feed, Origin = node, Type = node.Type, FeedPosition = position });
        }
        if (_request.Known is { } known && known.TryGetValue(node, out var knownValue))
            return AddConstant(node, knownValue);
        switch (node.Op)
        {
            case PlaceholderOp p:
                throw new InvalidOperationException(
                    $"You must feed a value for placeholder '{node.Name}' with dtype {p.DType.Name()} and shape {p.Shape}.");
            case PlaceholderWithDefaultOp:
                return Resolve(node.Inputs[0]);
            case ConstantOp c:
                return AddConstant(node, c.Value);
            case VariableOp:
                return Add(new PlanValue { Index = _values.Count, Kind = ValueKind.Variable, Origin = node, Type = node.Type });
            case AssignOp:
                return ResolveAssign(node);
            case TupleElementOp element:
                return ResolveTuple(node.Inputs[0])[element.Index];
            case StackedValueOp stacked:
                return ResolveStacked(node, stacked);
            case TupleOp:
                throw new InvalidOperationException($"'{node.Name}' is tuple-valued; fetch its elements (TupleElement) instead.");
            case SwitchOp switchOp:
                return ResolveSwitch(node, switchOp);
            case KernelOp kernel:
                return AddKernel(node, kernel, node.Inputs.Select(Resolve).ToArray());
            default:
                throw new InvalidOperationException($"Op {node.Op.Type} of '{node.Name}' has no kernel and is not compiled by this runtime.");
        }
    }

    /// <summary>
    /// Compiles a loop node once: its body becomes a nested plan for the same phase, with the captures the outer
    /// plan knows folded in as constants and the others bound to the outer buffers; every tuple element becomes a
    /// value written by one loop step.
    /// </summary>
    private int[] ResolveTuple(Node node)
    {
        if (_tuples.TryGetValue(node, out var known)) return known;
        if (node.Op is TupleKernelOp tupleKernel) return _tuples[node] = ResolveTupleKernel(node, tupleKernel);
        if (node.Op is not LoopOp loop)
            throw new InvalidOperationException($"Tuple op {node.Op.Type} of '{node.Name}' is not compiled by this runtime.");
        var inputs = node.Inputs.Select(Resolve).ToArray();
        var body = loop.Body;
        var constants = new Dictionary<Node, TensorBuffer>();
        var bound = new List<Node>();
        var captureInputs = new List<int>();
        for (int j = 0; j < body.Captures.Count; j++)
        {
            int input = loop.CaptureInput(j);
            if (_values[inputs[input]].Constant is { } value) constants[body.Captures[j]] = value;
            else
            {
                bound.Add(body.Captures[j]);
                captureInputs.Add(input);
            }
        }
        var saved = _saved.TryGetValue(node, out var values) ? values : [];
        Plan plan;
        try
        {
            plan = Compile(new CompileRequest([.. body.StackedResults, .. body.CarryResults, .. body.SummedResults, .. saved], [],
                [.. body.SequenceParams, .. body.CarryParams, .. bound], _request.Phase, _request.Store, constants, bound.Count, PinFeeds: true));
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"The body of loop '{node.Name}' cannot be compiled: {e.Message}", e);
        }
        var program = new LoopProgram(loop, plan, captureInputs.ToArray(), saved);
        var elements = new int[program.OutputCount];
        for (int e = 0; e < elements.Length; e++)
            elements[e] = Add(new PlanValue
            {
                Index = _values.Count, Kind = ValueKind.Computed, Origin = node,
                Type = e < loop.ElementCount ? node.TupleTypes[e] : new TensorType(saved[e - loop.ElementCount].DType, LoopOp.StackShape(saved[e - loop.ElementCount].Shape, null)),
                Inputs = inputs, Loop = program, Element = e,
            });
        _tuples[node] = elements;
        return elements;
    }

    /// <summary>A tuple kernel: one value per element, all written by one step (never folded or merged).</summary>
    private int[] ResolveTupleKernel(Node node, TupleKernelOp op)
    {
        var inputs = node.Inputs.Select(Resolve).ToArray();
        return node.TupleTypes.Select((type, e) => Add(new PlanValue
        {
            Index = _values.Count, Kind = ValueKind.Computed, Origin = node, Type = type,
            Inputs = inputs, TupleKernel = op, Element = e,
        })).ToArray();
    }

    private int ResolveStacked(Node node, StackedValueOp op)
    {
        var outputs = ResolveTuple(node.Inputs[0]);
        var program = _values[outputs[0]].Loop!;
        int j = Array.IndexOf(program.Saved, op.Value);
        if (j < 0) throw new InvalidOperationException($"Internal: '{node.Name}' was not found when its loop was compiled.");
        return outputs[program.Op.ElementCount + j];
    }

    private int ResolveAssign(Node node)
    {
        int variable = Resolve(node.Inputs[0]);
        if (_values[variable].Kind != ValueKind.Variable)
            throw new InvalidOperationException($"Assign '{node.Name}' targets '{node.Inputs[0].Name}', which is fed here; a fed variable cannot be updated.");
        int value = Resolve(node.Inputs[1]);
        if (value != variable) _updates.Add(new PlanUpdate(node.Inputs[0], variable, value));
        return value;
    }

    private int ResolveSwitch(Node node, SwitchOp op)
    {
        int predicate = Resolve(node.Inputs[0]);
        if (_values[predicate].Constant is { } known)
            return Resolve(node.Inputs[known.Span<bool>()[0] ? 1 : 2]);
        int then = Resolve(node.Inputs[1]), otherwise = Resolve(node.Inputs[2]);
        return then == otherwise ? then : AddKernel(node, op, [predicate, then, otherwise]);
    }

    private int AddKernel(Node node, KernelOp op, int[] inputs)
    {
        if (!op.IsPure)
            return Add(new PlanValue { Index = _values.Count, Kind = ValueKind.Computed, Origin = node, Type = node.Type, Op = op, Inputs = inputs });
        if (inputs.All(i => _values[i].Kind == ValueKind.Constant))
            return AddConstant(node, Fold(node, op, inputs));
        var key = (op as Op, string.Join(",", inputs));
        if (_pure.TryGetValue(key, out int existing)) return existing;
        int v = Add(new PlanValue { Index = _values.Count, Kind = ValueKind.Computed, Origin = node, Type = node.Type, Op = op, Inputs = inputs });
        _pure[key] = v;
        return v;
    }

    private TensorBuffer Fold(Node node, KernelOp op, int[] inputs)
    {
        var buffers = inputs.Select(i => _values[i].Constant!).ToArray();
        try
        {
            var type = op.InferType(buffers.Select(b => new TensorType(b.DType, b.Shape)).ToArray());
            var result = TensorBuffer.Zeros(type.DType, type.Shape.ToArray());
            op.Compute(buffers, result, new KernelContext(0, 0));
            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ExecutionException.ForNode(node, buffers.Select(b => b.Dims).ToArray(), e);
        }
    }

    private int AddConstant(Node node, TensorBuffer value)
    {
        var key = ((Op)new ConstantOp(value), "");
        if (_pure.TryGetValue(key, out int existing)) return existing;
        int v = Add(new PlanValue { Index = _values.Count, Kind = ValueKind.Constant, Origin = node, Type = new TensorType(value.DType, value.Shape), Constant = value });
        _pure[key] = v;
        return v;
    }

    private int Add(PlanValue value)
    {
        _values.Add(value);
        return value.Index;
    }
}
