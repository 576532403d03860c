namespace Graph.Core;

/// <summary>
/// One value of the graph: the op that computes it and its inputs, fixed at construction. Nodes have reference
/// identity and know no consumers (the graph does, through <see cref="GraphView"/>).
/// </summary>
public sealed class Node
{
    private readonly Node[] _inputs;

    internal Node(ComputationGraph graph, int id, Op op, Node[] inputs, TensorType type, string name, bool isLearningPhase,
        TensorType[]? tupleTypes = null)
    {
        Graph = graph;
        Id = id;
        Op = op;
        _inputs = inputs;
        DType = type.DType;
        Shape = type.Shape;
        Name = name;
        TupleTypes = tupleTypes ?? [];
        bool uses = isLearningPhase;
        foreach (var input in inputs) uses |= input.UsesLearningPhase;
        UsesLearningPhase = uses;
    }

    /// <summary>The graph that owns the node.</summary>
    public ComputationGraph Graph { get; }

    /// <summary>Creation index in the graph; inputs always have smaller ids.</summary>
    public int Id { get; }

    /// <summary>The operation computing this value.</summary>
    public Op Op { get; }

    /// <summary>The operands, in order.</summary>
    public IReadOnlyList<Node> Inputs => _inputs;

    internal Node[] InputArray => _inputs;

    /// <summary>Element type.</summary>
    public DType DType { get; }

    /// <summary>Static shape; unknown dimensions allowed.</summary>
    public Shape Shape { get; }

    /// <summary>
    /// The element types when the node is tuple-valued (the several results of a loop), else empty. A tuple node is
    /// read only through projections (<see cref="Structural.TupleElementOp"/>, <see cref="Structural.StackedValueOp"/>)
    /// that alias its buffers; its <see cref="DType"/> and <see cref="Shape"/> are those of element 0.
    /// </summary>
    public IReadOnlyList<TensorType> TupleTypes { get; }

    /// <summary>True when the node's value is a tuple (see <see cref="TupleTypes"/>).</summary>
    public bool IsTuple => TupleTypes.Count > 0;

    /// <summary>Static type (dtype and shape).</summary>
    public TensorType Type => new(DType, Shape);

    /// <summary>Unique name in the graph, e.g. <c>dense/MatMul</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// True iff the graph's learning-phase node is an ancestor of this node (through paths that were not resolved
    /// statically when the graph was built): Keras's <c>_uses_learning_phase</c>, derived instead of patched on.
    /// </summary>
    public bool UsesLearningPhase { get; }

    /// <summary><c>name: Op float32 (?, 10)</c>.</summary>
    public override string ToString() => IsTuple
        ? $"{Name}: {Op} ({string.Join(", ", TupleTypes)})"
        : $"{Name}: {Op} {DType.Name()} {Shape}";
}
