using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops.Initializers;

namespace Graph.Ops;

/// <summary>
/// The graph-building functions — what keras.backend builds. Each adds nodes to the graph of its inputs (or to
/// <see cref="ComputationGraph.Default"/> when it has none); nothing is computed until a plan runs.
/// Scalars are weakly typed: <c>G.Mul(x, 0.5)</c> stays in x's dtype.
/// </summary>
public static partial class G
{
    /// <summary>The graph a new node with these inputs belongs to.</summary>
    internal static ComputationGraph GraphOf(Node? first) => first?.Graph ?? ComputationGraph.Default;

    /// <summary>Adds a node of <paramref name="op"/> to the inputs' graph.</summary>
    public static Node Apply(Op op, params Node[] inputs) => GraphOf(inputs.Length > 0 ? inputs[0] : null).AddNode(op, inputs);

    /// <summary>A placeholder to feed; <c>null</c> dims are unknown (the batch).</summary>
    public static Node Placeholder(Shape shape, DType dtype = DType.Float32, string? name = null) =>
        ComputationGraph.Default.AddNode(new PlaceholderOp(dtype, shape), [], name ?? "Placeholder");

    /// <summary>TF's <c>placeholder_with_default</c>: fed, or <paramref name="defaultValue"/> when not.</summary>
    public static Node PlaceholderWithDefault(Node defaultValue, Shape shape, string? name = null) =>
        defaultValue.Graph.AddNode(new PlaceholderWithDefaultOp(shape), [defaultValue], name ?? "PlaceholderWithDefault");

    /// <summary>A constant value.</summary>
    public static Node Constant(TensorBuffer value, string? name = null) =>
        ComputationGraph.Default.AddNode(new ConstantOp(value), [], name ?? "Const");

    /// <summary>A float32 constant from values and a shape.</summary>
    public static Node Constant(float[] values, params int[] dims) => Constant(TensorBuffer.From<float>(values, dims));

    /// <summary>A scalar constant of <paramref name="dtype"/> in <paramref name="graph"/>.</summary>
    public static Node Scalar(ComputationGraph graph, double value, DType dtype) =>
        graph.AddNode(new ConstantOp(ScalarBuffer(value, dtype)), [], "Const");

    /// <summary>A scalar constant of <paramref name="like"/>'s dtype, in its graph (weak typing of literals).</summary>
    public static Node ScalarLike(Node like, double value) => Scalar(like.Graph, value, like.DType);

    private static TensorBuffer ScalarBuffer(double value, DType dtype) => dtype switch
    {
        DType.Float32 => TensorBuffer.From<float>([(float)value]),
        DType.Float64 => TensorBuffer.From<double>([value]),
        DType.Int32 => TensorBuffer.From<int>([checked((int)value)]),
        DType.Int64 => TensorBuffer.From<long>([checked((long)value)]),
        _ => TensorBuffer.From<bool>([value != 0]),
    };

    /// <summary>
    /// A variable of <paramref name="shape"/> (fully known) filled lazily by <paramref name="initializer"/>
    /// (default: glorot_uniform for floats, zeros otherwise, as TF1's <c>get_variable</c>). Like <c>tf.Variable</c>,
    /// its name follows the name scope; it is registered in the graph's variable registry under its node name.
    /// </summary>
    public static Node Variable(Shape shape, DType dtype = DType.Float32, IInitializer? initializer = null,
        string? name = null, bool trainable = true, int? seed = null)
    {
        if (!shape.IsFullyDefined) throw new ArgumentException($"A variable needs a fully known shape; got {shape}.", nameof(shape));
        var graph = ComputationGraph.Default;
        initializer ??= Initializers.Initializers.DefaultFor(dtype);
        (initializer as Initializer)?.Validate(dtype, shape.ToArray());
        var op = new VariableOp(dtype, shape, initializer, graph.MixSeed(seed ?? graph.NextOpSeed()), trainable);
        var node = graph.AddNode(op, [], name ?? "Variable");
        graph.RegisterVariable(node.Name, node);
        return node;
    }

    /// <summary>A variable whose first value is <paramref name="value"/> (Keras <c>K.variable(value)</c>).</summary>
    public static Node Variable(TensorBuffer value, string? name = null, bool trainable = true) =>
        Variable(value.Shape, value.DType, new ValueInitializer(value), name, trainable);

    /// <summary><c>variable := value</c>, committed at the end of the run that computes it.</summary>
    public static Node Assign(Node variable, Node value)
    {
        if (variable.Op is not VariableOp)
            throw new ArgumentException($"Assign needs a variable; '{variable.Name}' is a {variable.Op.Type}.", nameof(variable));
        return variable.Graph.AddNode(new AssignOp(), [variable, value], "Assign");
    }

    /// <summary>
    /// <c>pred ? then : else</c> computing only the taken branch. A constant predicate is resolved now (no node).
    /// </summary>
    public static Node Switch(Node predicate, Node then, Node otherwise)
    {
        if (predicate.Op is ConstantOp c && c.Value.DType == DType.Bool && c.Value.Length == 1)
            return c.Value.Span<bool>()[0] ? then : otherwise;
        return predicate.Graph.AddNode(new SwitchOp(), [predicate, then, otherwise], "Switch");
    }

    /// <summary>Zeros of x's dtype and shape.</summary>
    public static Node ZerosLike(Node x) => Apply(new ZerosLikeOp(), x);
}
