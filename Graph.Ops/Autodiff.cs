using Graph.Core;
using Graph.Core.Structural;

using Graph.Ops.Elementwise;

namespace Graph.Ops;

/// <summary>
/// Reverse-mode differentiation by graph construction: one reverse topological pass from the output, each node's
/// op building the gradients of its inputs as new nodes (so gradients are graphs and can be differentiated again);
/// contributions to a node are summed with Add. Broadcasting ops reduce their gradients with SumToShape.
/// StopGradient blocks. A Switch routes the gradient to the taken branch, still switched on the predicate, so a
/// learning phase binds at feed time in the backward pass too.
/// </summary>
public static class Autodiff
{
    /// <summary>
    /// ∂(Σ dy·y)/∂x for each x in <paramref name="wrt"/>: with <paramref name="outputGradient"/> absent, dy is ones
    /// (TF's <c>tf.gradients</c>). Inputs that <paramref name="y"/> does not depend on (through differentiable
    /// paths) get null, or zeros when <paramref name="zerosForDisconnected"/>.
    /// </summary>
    /// <exception cref="ArgumentException">y is not a float value, or dy's dtype differs.</exception>
    public static Node?[] Gradients(Node y, IReadOnlyList<Node> wrt, Node? outputGradient = null, bool zerosForDisconnected = false)
    {
        if (!y.DType.IsFloating() || y.IsTuple)
            throw new ArgumentException($"Gradients need a float output; '{y.Name}' is {y.Type}.", nameof(y));
        var dy = outputGradient ?? G.OnesLike(y);
        if (dy.DType != y.DType)
            throw new ArgumentException($"The output gradient is {dy.Type}; '{y.Name}' is {y.Type}.", nameof(outputGradient));
        var grads = Gradients([y], [dy], wrt, stopAtWrt: false);
        return wrt.Select((x, i) => grads[i] ?? (zerosForDisconnected ? G.ZerosLike(x) : null)).ToArray();
    }

    /// <summary>
    /// ∂(Σⱼ ⟨dysⱼ, ysⱼ⟩)/∂x for each x in <paramref name="wrt"/> (null where disconnected). With
    /// <paramref name="stopAtWrt"/>, every x is a leaf: no gradient flows past it to its own inputs (a loop body's
    /// gradient with respect to its captures must not also reach what the captures were computed from).
    /// A tuple-valued node gets the gradients of its projections (<see cref="ProjectionOp"/>) all at once.
    /// </summary>
    public static Node?[] Gradients(IReadOnlyList<Node> ys, IReadOnlyList<Node> dys, IReadOnlyList<Node> wrt, bool stopAtWrt)
    {
        var leaves = stopAtWrt ? new HashSet<Node>(wrt) : [];
        var needed = ReachingTargets(ys, wrt, leaves);
        var sums = new Dictionary<Node, Node>();
        var projected = new Dictionary<Node, List<(Node Projection, Node Gradient)>>();
        void Accumulate(Node target, Node g) => sums[target] = sums.TryGetValue(target, out var existing) ? G.Add(existing, g) : g;
        for (int i = 0; i < ys.Count; i++) Accumulate(ys[i], dys[i]);
        // Node ids are a topological order (inputs are always created first): walk them downwards from the ys.
        foreach (var node in Ancestry(ys, leaves).OrderByDescending(n => n.Id))
        {
            if (node.Inputs.Count == 0 || leaves.Contains(node) || !node.Inputs.Any(needed.Contains)) continue;
            Node?[] inputGrads;
            if (node.Op is ProjectionOp)
            {
                if (!sums.TryGetValue(node, out var g)) continue;
                var tuple = node.Inputs[0];
                (projected.TryGetValue(tuple, out var list) ? list : projected[tuple] = []).Add((node, g));
                continue;
            }
            if (node.Op is TupleOp tupleOp)
            {
                if (!projected.TryGetValue(node, out var projectionGrads)) continue;
                inputGrads = tupleOp.Gradient(node, projectionGrads, Differentiator.Instance);
            }
            else
            {
                if (!sums.TryGetValue(node, out var grad)) continue;
                inputGrads = node.Op.Gradient(node, grad);
            }
            if (inputGrads.Length != node.Inputs.Count)
                throw new InvalidOperationException($"{node.Op.Type} returned {inputGrads.Length} gradients for {node.Inputs.Count} inputs.");
            for (int i = 0; i < inputGrads.Length; i++)
            {
                var input = node.Inputs[i];
                if (inputGrads[i] is not { } g || !needed.Contains(input) || !input.DType.IsFloating()) continue;
                Accumulate(input, g);
            }
        }
        return wrt.Select(x => sums.TryGetValue(x, out var g) ? g : null).ToArray();
    }

    /// <summary>Autodiff as Core's <see cref="IDifferentiator"/>, for ops whose gradient differentiates a body.</summary>
    private sealed class Differentiator : IDifferentiator
    {
        public static readonly Differentiator Instance = new();

        public Node?[] Gradients(IReadOnlyList<Node> ys, IReadOnlyList<Node> dys, IReadOnlyList<Node> wrt) =>
            Autodiff.Gradients(ys, dys, wrt, stopAtWrt: true);

        public Node Add(Node a, Node b) => G.Add(a, b);
    }

    /// <summary>Nodes on some path from a target up to a y (only they need gradients).</summary>
    private static HashSet<Node> ReachingTargets(IReadOnlyList<Node> ys, IReadOnlyList<Node> wrt, HashSet<Node> leaves)
    {
        var targets = new HashSet<Node>(wrt);
        var reaches = new HashSet<Node>();
        foreach (var node in Ancestry(ys, leaves).OrderBy(n => n.Id))
            if (targets.Contains(node) || (!leaves.Contains(node) && node.Inputs.Any(reaches.Contains))) reaches.Add(node);
        return reaches;
    }

    private static IEnumerable<Node> Ancestry(IReadOnlyList<Node> ys, HashSet<Node> leaves)
    {
        var seen = new HashSet<Node>(ys);
        var stack = new Stack<Node>(seen);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            if (n.Op is StopGradientOp || leaves.Contains(n)) continue;
            foreach (var input in n.Inputs)
                if (seen.Add(input)) stack.Push(input);
        }
    }
}
