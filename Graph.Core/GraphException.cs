namespace Graph.Core;

/// <summary>A graph could not be built as asked: an op's shape/dtype rule rejected its inputs, or a name/scope rule was broken.</summary>
public class GraphException : Exception
{
    public GraphException(string message) : base(message) { }
    public GraphException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Thrown by an op's shape/dtype rule. The graph rethrows it as a <see cref="GraphException"/> naming the node,
/// the op and every input's type, so the rule itself only says what is wrong.
/// </summary>
public sealed class ShapeRuleException : Exception
{
    public ShapeRuleException(string message) : base(message) { }
}
