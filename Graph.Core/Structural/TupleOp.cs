namespace Graph.Core.Structural;

/// <summary>
/// An op whose node is tuple-valued: several results (XLA's tuple), read by <see cref="TupleElementOp"/>
/// projections that alias each element's buffer. The runtime compiles such ops itself (they have no kernel).
/// </summary>
public abstract record TupleOp : Op
{
    /// <summary>The element types for these input types (shapes may be partial).</summary>
    /// <exception cref="ShapeRuleException">the inputs are not acceptable; the message says which input and why.</exception>
    public abstract TensorType[] InferTupleTypes(ReadOnlySpan<TensorType> inputs);

    /// <summary>The type of element 0 (what <see cref="Node.DType"/> and <see cref="Node.Shape"/> report).</summary>
    public sealed override TensorType InferType(ReadOnlySpan<TensorType> inputs) => InferTupleTypes(inputs)[0];

    /// <summary>
    /// The gradient with respect to each input given the gradients of the tuple's projections (each a
    /// <see cref="ProjectionOp"/> node reading <paramref name="node"/>, with the gradient reaching it; one part may
    /// be read by several projections). <paramref name="differentiator"/> differentiates bodies.
    /// </summary>
    public abstract Node?[] Gradient(Node node, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator);

    /// <summary>
    /// A tuple has no single output gradient: Autodiff gathers the gradients of the projections and calls
    /// <see cref="Gradient(Node, IReadOnlyList{ValueTuple{Node, Node}}, IDifferentiator)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">always.</exception>
    public sealed override Node?[] Gradient(Node node, Node outputGradient) =>
        throw new InvalidOperationException($"{Type} '{node.Name}' is tuple-valued; differentiate it through its TupleElement projections.");
}

/// <summary>
/// A tuple-valued op with a kernel: one call computes every element (a fused recurrent layer's outputs, final states
/// and the intermediates its gradient reads). Elements nothing reads still get a buffer (the kernel may use it as
/// scratch), released right after the step.
/// </summary>
public abstract record TupleKernelOp : TupleOp
{
    /// <summary>
    /// Computes every element into <paramref name="outputs"/> (dims set by <see cref="TupleOp.InferTupleTypes"/> on the
    /// concrete input shapes). Outputs never share memory with inputs or with each other. Must not allocate.
    /// </summary>
    public abstract void Compute(ReadOnlySpan<TensorBuffer> inputs, ReadOnlySpan<TensorBuffer> outputs, in KernelContext context);
}
