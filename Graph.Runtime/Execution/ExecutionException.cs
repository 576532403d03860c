using Graph.Core;

namespace Graph.Runtime.Execution;

/// <summary>A run failed: a kernel threw, concrete shapes did not fit an op, or a feed was invalid. Nothing was committed.</summary>
public sealed class ExecutionException : Exception
{
    public ExecutionException(string message) : base(message) { }
    public ExecutionException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Names the node, its op and the concrete input shapes.</summary>
    internal static ExecutionException ForNode(Node node, int[][] inputDims, Exception inner)
    {
        var shapes = string.Join(", ", inputDims.Select((d, i) => $"input {i}: {node.Inputs.ElementAtOrDefault(i)?.DType.Name()} {Shape.Format(d)}"));
        return new ExecutionException($"{node.Op.Type} '{node.Name}' failed with inputs [{shapes}]: {inner.Message}", inner);
    }
}
