namespace Graph.Core;

/// <summary>
/// A primitive operation: attributes (the record's fields, compared structurally so CSE can merge equal nodes),
/// the shape/dtype rule (run when a node is built, and again with concrete shapes when buffers are sized),
/// purity, and the gradient. Ops that compute something derive from <see cref="KernelOp"/>; the structural ops
/// (placeholders, constants, variables) are bound by the compiler instead.
/// </summary>
public abstract record Op
{
    /// <summary>The op's type name as shown in dumps and errors: the class name without the <c>Op</c> suffix.</summary>
    public string Type => GetType().Name is var n && n.EndsWith("Op", StringComparison.Ordinal) ? n[..^2] : GetType().Name;

    /// <summary>
    /// False for ops whose result is not a function of their inputs (placeholders, variables, random draws,
    /// assignments): the compiler never merges or folds them.
    /// </summary>
    public virtual bool IsPure => true;

    /// <summary>The shape/dtype rule: the result type for these input types (shapes may be partial).</summary>
    /// <exception cref="ShapeRuleException">the inputs are not acceptable; the message says which input and why.</exception>
    public abstract TensorType InferType(ReadOnlySpan<TensorType> inputs);

    /// <summary>
    /// The gradient: given the node built from this op and the gradient of the loss with respect to its output,
    /// the gradient with respect to each input, as new nodes (<c>null</c> where an input gets no gradient).
    /// </summary>
    public abstract Node?[] Gradient(Node node, Node outputGradient);

    /// <summary>Attributes as shown in dumps, e.g. <c>rate=0.5</c>; empty for ops without attributes.</summary>
    public virtual string AttributeText => "";

    /// <summary><c>Type</c> or <c>Type[attributes]</c>.</summary>
    public sealed override string ToString() => AttributeText.Length == 0 ? Type : $"{Type}[{AttributeText}]";
}

/// <summary>An op with a forward kernel that writes its result into a preallocated buffer.</summary>
public abstract record KernelOp : Op
{
    /// <summary>
    /// Computes the result into <paramref name="output"/>, whose dims were set by <see cref="Op.InferType"/> on the
    /// concrete input shapes. The output never shares memory with an input. Must not allocate on the hot path.
    /// </summary>
    public abstract void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context);
}
