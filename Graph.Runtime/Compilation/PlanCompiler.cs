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
        foreach (var v in values.Where(v => v.Kind == ValueKind.Computed))
        {
            foreach (var term in guards[v.Index])
                if (term.Predicate >= v.Index)
                    throw new InvalidOperationException($"Internal: guard of '{v.Origin.Name}' reads a later predicate.");
            steps.Add(new Step(v.Op!, v.Origin, v.Index, v.Inputs, guards[v.Index]));
        }
        var (slotOfValue, slotTypes) = Liveness.AssignSlots(values, steps, fetches, _updates);
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
            case SwitchOp switchOp:
                return ResolveSwitch(node, switchOp);
            case KernelOp kernel:
                return AddKernel(node, kernel, node.Inputs.Select(Resolve).ToArray());
            default:
                throw new InvalidOperationException($"Op {node.Op.Type} of '{node.Name}' has no kernel and is not compiled by this runtime.");
        }
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
