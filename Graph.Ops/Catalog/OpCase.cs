using Graph.Core;

namespace Graph.Ops.Catalog;

/// <summary>
/// How the catalog tests fill one input: its shape and dtype, the range values are drawn from, and a margin that
/// keeps values away from kinks (|x| ≥ margin, e.g. 0 for Relu/Abs) so finite differences are meaningful.
/// Integer and bool inputs draw integers in [Min, Max] (bool: 0/1).
/// </summary>
public sealed record OpInput(Shape Shape, DType DType = DType.Float32, double Min = -2, double Max = 2, double KinkMargin = 0)
{
    /// <summary>A float input of the given dims.</summary>
    public static OpInput Float(params int[] dims) => new(Shape.Of(dims));

    /// <summary>A positive float input (for log, sqrt, reciprocal, ...).</summary>
    public static OpInput Positive(params int[] dims) => new(Shape.Of(dims), Min: 0.2, Max: 3);
}

/// <summary>
/// One test case of an op: its inputs and how to build the node under test from input nodes (placeholders of the
/// given types, float64 during gradient checks). <paramref name="Differentiable"/> false skips the gradient check
/// (comparisons, random draws, integer ops).
/// </summary>
public sealed record OpCase(string Name, OpInput[] Inputs, Func<Node[], Node> Build, bool Differentiable = true);

/// <summary>One primitive of the catalog and the factory of its test cases.</summary>
public sealed record OpCatalogEntry(Type OpType, Func<IEnumerable<OpCase>> Cases);
