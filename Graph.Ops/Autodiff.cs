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
        if (!y.DType.IsFloating())
            throw new ArgumentException($"Gradients need a float output; '{y.Name}' is {y.Type}.", nameof(y));
        var dy = outputGradient ?? G.OnesLike(y);
        if (dy.DType != y.DType)
            throw new ArgumentException($"The output gradient is {dy.Type}; '{y.Name}' is {y.Type}.", nameof(outputGradient));

        var needed = ReachingTargets(y, wrt);
        var sums = new Dictionary<Node, Node> { [y] = dy };
        // Node ids are a topological order (inputs are always created first): walk them downwards from y.
        foreach (var node in Ancestry(y).OrderByDescending(n => n.Id))
        {
            if (!sums.TryGetValue(node, out var grad) || node.Inputs.Count == 0) continue;
            if (!node.Inputs.Any(needed.Contains)) continue;
            var inputGrads = node.Op.Gradient(node, grad);
            if (inputGrads.Length != node.Inputs.Count)
                throw new InvalidOperationException($"{node.Op.Type} returned {inputGrads.Length} gradients for {node.Inputs.Count} inputs.");
            for (int i = 0; i < inputGrads.Length; i++)
            {
                var input = node.Inputs[i];
                if (inputGrads[i] is not { } g || !needed.Contains(input) || !input.DType.IsFloating()) continue;
                sums[input] = sums.TryGetValue(input, out var existing) ? G.Add(existing, g) : g;
            }
        }
        return wrt.Select(x => sums.TryGetValue(x, out var g) ? g : zerosForDisconnected ? G.ZerosLike(x) : null).ToArray();
    }

    /// <summary>Nodes on some path from a target up to y (only they need gradients).</summary>
    private static HashSet<Node> ReachingTargets(Node y, IReadOnlyList<Node> wrt)
    {
        var targets = new HashSet<Node>(wrt);
        var reaches = new HashSet<Node>();
        foreach (var node in Ancestry(y).OrderBy(n => n.Id))
            if (targets.Contains(node) || node.Inputs.Any(reaches.Contains)) reaches.Add(node);
        return reaches;
    }

    private static IEnumerable<Node> Ancestry(Node y)
    {
        var seen = new HashSet<Node> { y };
        var stack = new Stack<Node>();
        stack.Push(y);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            if (n.Op is StopGradientOp) continue;
            foreach (var input in n.Inputs)
                if (seen.Add(input)) stack.Push(input);
        }
    }
}
