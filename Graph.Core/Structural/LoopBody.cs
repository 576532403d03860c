namespace Graph.Core.Structural;

/// <summary>
/// The step function of a loop as a region of its graph: parameter nodes (the per-step slices of the sequences
/// and the carried values) and result nodes (values stacked along time, the new carries, values summed over
/// steps). The region is every node derived from a parameter on the way to a result; the other nodes it reads
/// (weights, masks drawn once, the learning phase) are its <see cref="Captures"/>, which the loop node takes as
/// explicit inputs — so <see cref="Node.UsesLearningPhase"/> stays derived and captured weights get gradients.
/// </summary>
public sealed class LoopBody
{
    private readonly HashSet<Node> _region;

    /// <summary>Describes the region between <paramref name="sequenceParams"/>/<paramref name="carryParams"/> and the results.</summary>
    /// <exception cref="ArgumentException">counts or types of carries disagree, a summed result is not float, a parameter
    /// repeats, or the step assigns a variable.</exception>
    public LoopBody(IReadOnlyList<Node> sequenceParams, IReadOnlyList<Node> carryParams,
        IReadOnlyList<Node> stackedResults, IReadOnlyList<Node> carryResults, IReadOnlyList<Node> summedResults)
    {
        if (carryParams.Count != carryResults.Count)
            throw new ArgumentException($"Loop: {carryParams.Count} carried values but the step returns {carryResults.Count} new ones.");
        for (int j = 0; j < carryParams.Count; j++)
        {
            TensorType p = carryParams[j].Type, r = carryResults[j].Type;
            if (p.DType != r.DType || !Compatible(p.Shape, r.Shape))
                throw new ArgumentException($"Loop: carried value {j} enters the step as {p} but leaves it as {r}; a carry must keep its type.");
        }
        foreach (var summed in summedResults)
            if (!summed.DType.IsFloating())
                throw new ArgumentException($"Loop: summed result '{summed.Name}' is {summed.Type}; only float values are summed over steps.");
        var parameters = sequenceParams.Concat(carryParams).ToArray();
        if (parameters.Distinct().Count() != parameters.Length)
            throw new ArgumentException("Loop: a node is used as two parameters of one body.");
        SequenceParams = sequenceParams.ToArray();
        CarryParams = carryParams.ToArray();
        StackedResults = stackedResults.ToArray();
        CarryResults = carryResults.ToArray();
        SummedResults = summedResults.ToArray();
        (_region, Nodes, Captures) = Delimit(parameters, [.. StackedResults, .. CarryResults, .. SummedResults]);
        if (Nodes.FirstOrDefault(n => n.Op is AssignOp) is { } assign)
            throw new ArgumentException($"Loop: the step assigns '{assign.Inputs[0].Name}' ('{assign.Name}'); a loop body cannot update variables (return the new value as a state instead).");
    }

    /// <summary>Per-step slices of the sequences (in sequence order).</summary>
    public IReadOnlyList<Node> SequenceParams { get; }

    /// <summary>The carried values as the step receives them.</summary>
    public IReadOnlyList<Node> CarryParams { get; }

    /// <summary>Values the loop stacks along time.</summary>
    public IReadOnlyList<Node> StackedResults { get; }

    /// <summary>The new carried values, one per carry parameter.</summary>
    public IReadOnlyList<Node> CarryResults { get; }

    /// <summary>Values the loop sums over steps (the weight gradients of a gradient loop).</summary>
    public IReadOnlyList<Node> SummedResults { get; }

    /// <summary>Every node of the region but the parameters, in creation order.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The outer nodes the region reads, in creation order: the loop node's trailing inputs.</summary>
    public IReadOnlyList<Node> Captures { get; }

    /// <summary>True when <paramref name="node"/> is a parameter or is computed inside the region.</summary>
    public bool Contains(Node node) => _region.Contains(node);

    /// <summary>Same rank and equal wherever both dimensions are known.</summary>
    internal static bool Compatible(Shape a, Shape b)
    {
        if (a.Rank != b.Rank) return false;
        for (int i = 0; i < a.Rank; i++)
            if (a[i] is { } x && b[i] is { } y && x != y) return false;
        return true;
    }

    private static (HashSet<Node> Region, Node[] Nodes, Node[] Captures) Delimit(Node[] parameters, Node[] results)
    {
        var region = new HashSet<Node>(parameters);
        // A node derived from a parameter was created after it, so nodes older than every parameter are outer nodes.
        int oldest = parameters.Length == 0 ? int.MaxValue : parameters.Min(p => p.Id);
        var visited = new HashSet<Node>(parameters);
        var candidates = new List<Node>();
        var stack = new Stack<Node>(results);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Id < oldest || !visited.Add(node)) continue;
            candidates.Add(node);
            foreach (var input in node.Inputs) stack.Push(input);
        }
        // Ids are a topological order: deciding in id order sees every input's answer first.
        foreach (var node in candidates.OrderBy(n => n.Id))
            if (node.Inputs.Any(region.Contains)) region.Add(node);
        var nodes = candidates.Where(region.Contains).OrderBy(n => n.Id).ToArray();
        var captures = nodes.SelectMany(n => n.Inputs).Concat(results)
            .Where(n => !region.Contains(n)).Distinct().OrderBy(n => n.Id).ToArray();
        return (region, nodes, captures);
    }
}
