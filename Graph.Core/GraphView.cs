using System.Globalization;
using System.Text;
using QuikGraph;
using QuikGraph.Algorithms;

namespace Graph.Core;

/// <summary>
/// A read-only inspection view of a graph, built on demand over QuikGraph: consumers, ancestors, topological
/// order, DOT output with learning-phase paths highlighted, and a deterministic text dump for golden tests.
/// Edges point from an input to its consumer.
/// </summary>
public sealed class GraphView
{
    private readonly BidirectionalGraph<Node, SEdge<Node>> _graph = new(allowParallelEdges: true);
    private readonly ComputationGraph _source;

    internal GraphView(ComputationGraph source)
    {
        _source = source;
        foreach (var node in source.Nodes) _graph.AddVertex(node);
        foreach (var node in source.Nodes)
            foreach (var input in node.Inputs)
                _graph.AddEdge(new SEdge<Node>(input, node));
    }

    /// <summary>The underlying QuikGraph graph, for algorithms this view does not wrap.</summary>
    public IBidirectionalGraph<Node, SEdge<Node>> QuikGraph => _graph;

    /// <summary>Distinct nodes that read <paramref name="node"/>, in creation order.</summary>
    public IReadOnlyList<Node> Consumers(Node node) =>
        _graph.OutEdges(node).Select(e => e.Target).Distinct().OrderBy(n => n.Id).ToList();

    /// <summary>All nodes <paramref name="node"/> depends on (not itself), in creation order.</summary>
    public IReadOnlyList<Node> Ancestors(Node node)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(node.Inputs);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            foreach (var i in n.Inputs) stack.Push(i);
        }
        return seen.OrderBy(n => n.Id).ToList();
    }

    /// <summary>True when <paramref name="ancestor"/> is reachable from <paramref name="node"/> through inputs.</summary>
    public bool DependsOn(Node node, Node ancestor) => Ancestors(node).Contains(ancestor);

    /// <summary>All nodes in a topological order (QuikGraph's topological sort).</summary>
    public IReadOnlyList<Node> TopologicalOrder() => TopologicalOrder(_graph);

    /// <summary>A topological order of any directed graph.</summary>
    /// <exception cref="GraphException">the graph has a cycle; the message names a node on it.</exception>
    public static IReadOnlyList<TVertex> TopologicalOrder<TVertex>(IVertexListGraph<TVertex, SEdge<TVertex>> graph)
        where TVertex : notnull
    {
        try { return graph.TopologicalSort().ToList(); }
        catch (NonAcyclicGraphException)
        {
            var cyclic = graph.Vertices.First(v => ReachesItself(graph, v));
            throw new GraphException($"The graph has a cycle through '{cyclic}'; a computation graph must be acyclic.");
        }
    }

    private static bool ReachesItself<TVertex>(IVertexListGraph<TVertex, SEdge<TVertex>> graph, TVertex start)
        where TVertex : notnull
    {
        var seen = new HashSet<TVertex>();
        var stack = new Stack<TVertex>(graph.OutEdges(start).Select(e => e.Target));
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (EqualityComparer<TVertex>.Default.Equals(v, start)) return true;
            if (!seen.Add(v)) continue;
            foreach (var e in graph.OutEdges(v)) stack.Push(e.Target);
        }
        return false;
    }

    /// <summary>
    /// Graphviz DOT: one box per node labelled with name, op and type; the learning-phase node filled red and
    /// every node that uses it outlined red, so the phase's reach is visible at a glance.
    /// </summary>
    public string ToDot()
    {
        var sb = new StringBuilder("digraph G {\n  rankdir=TB;\n  node [shape=box, fontname=\"monospace\"];\n");
        var phase = _source.HasLearningPhase ? _source.LearningPhase : null;
        foreach (var node in _source.Nodes)
        {
            string style = node == phase ? ", style=filled, fillcolor=\"#f4a6a6\", color=red"
                : node.UsesLearningPhase ? ", color=red, penwidth=2" : "";
            sb.Append(CultureInfo.InvariantCulture, $"  n{node.Id} [label=\"{Escape(node.Name)}\\n{Escape(node.Op.ToString())}\\n{node.DType.Name()} {node.Shape}\"{style}];\n");
        }
        foreach (var node in _source.Nodes)
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                var input = node.Inputs[i];
                string style = input.UsesLearningPhase ? " color=red" : "";
                sb.Append(CultureInfo.InvariantCulture, $"  n{input.Id} -> n{node.Id} [label=\"{i}\"{style}];\n");
            }
        return sb.Append("}\n").ToString();
    }

    /// <summary>
    /// One line per node in creation order: <c>%id name = Op[attrs](%a, %b) : dtype shape</c>, with
    /// <c>[phase]</c> on nodes that use the learning phase. Deterministic, for golden tests.
    /// </summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var node in _source.Nodes) sb.Append(Line(node)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The text-dump line of one node.</summary>
    public static string Line(Node node)
    {
        var args = string.Join(", ", node.Inputs.Select(i => "%" + i.Id.ToString(CultureInfo.InvariantCulture)));
        var phase = node.UsesLearningPhase ? " [phase]" : "";
        return $"%{node.Id} {node.Name} = {node.Op}({args}) : {node.DType.Name()} {node.Shape}{phase}";
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
