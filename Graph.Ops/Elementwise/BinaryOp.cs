using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Base of arithmetic binary ops with numpy broadcasting: both inputs share a numeric dtype, the result has the
/// broadcast shape. Gradients reduce back to each input's shape with <c>SumToShape</c>.
/// </summary>
public abstract record BinaryOp : KernelOp
{
    /// <summary>d = a ⊕ b on equal-length spans.</summary>
    protected abstract void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>;

    /// <summary>d = a ⊕ b with a scalar b.</summary>
    protected abstract void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>;

    /// <summary>d = a ⊕ b with a scalar a.</summary>
    protected abstract void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs, got {inputs.Length}.");
        if (inputs[0].DType != inputs[1].DType)
            throw new ShapeRuleException($"input 0 is {inputs[0].DType.Name()} but input 1 is {inputs[1].DType.Name()}; cast one first.");
        if (inputs[0].DType == DType.Bool)
            throw new ShapeRuleException($"inputs are bool; {Type} needs numbers.");
        return new(inputs[0].DType, Broadcasting.ResultShape(inputs[0], inputs[1]));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType)
        {
            case DType.Float32: Broadcasting.Run<float, Rows<float>>(inputs[0], inputs[1], output, new(this)); break;
            case DType.Float64: Broadcasting.Run<double, Rows<double>>(inputs[0], inputs[1], output, new(this)); break;
            case DType.Int32: Broadcasting.Run<int, Rows<int>>(inputs[0], inputs[1], output, new(this)); break;
            default: Broadcasting.Run<long, Rows<long>>(inputs[0], inputs[1], output, new(this)); break;
        }
    }

    private readonly struct Rows<T>(BinaryOp op) : Broadcasting.IRowKernel<T> where T : unmanaged, INumber<T>
    {
        public void VectorVector(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => op.VectorVector(a, b, d);
        public void VectorScalar(ReadOnlySpan<T> a, T b, Span<T> d) => op.VectorScalar(a, b, d);
        public void ScalarVector(T a, ReadOnlySpan<T> b, Span<T> d) => op.ScalarVector(a, b, d);
    }
}

/// <summary><c>a + b</c>; ∂/∂a = g, ∂/∂b = g (each summed back to its input's shape).</summary>
public sealed record AddOp : BinaryOp
{
    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(a, b, d);
    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Add(a, b, d);
    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(b, a, d);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.SumToShape(outputGradient, node.Inputs[0]), G.SumToShape(outputGradient, node.Inputs[1])];
}

/// <summary><c>a − b</c>; ∂/∂a = g, ∂/∂b = −g.</summary>
public sealed record SubOp : BinaryOp
{
    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.SumToShape(outputGradient, node.Inputs[0]), G.SumToShape(G.Neg(outputGradient), node.Inputs[1])];
}

/// <summary><c>a · b</c> elementwise; ∂/∂a = g·b, ∂/∂b = g·a.</summary>
public sealed record MulOp : BinaryOp
{
    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Multiply(a, b, d);
    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Multiply(a, b, d);
    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Multiply(b, a, d);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
    [
        G.SumToShape(G.Mul(outputGradient, node.Inputs[1]), node.Inputs[0]),
        G.SumToShape(G.Mul(outputGradient, node.Inputs[0]), node.Inputs[1]),
    ];
}

/// <summary><c>a / b</c> elementwise (integer division truncates); ∂/∂a = g/b, ∂/∂b = −g·a/b².</summary>
public sealed record DivOp : BinaryOp
{
    protected override void VectorVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
    protected override void VectorScalar<T>(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
    protected override void ScalarVector<T>(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Divide(a, b, d);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (a, b) = (node.Inputs[0], node.Inputs[1]);
        return
        [
            G.SumToShape(G.Div(outputGradient, b), a),
            G.SumToShape(G.Neg(G.Div(G.Mul(outputGradient, a), G.Mul(b, b))), b),
        ];
    }
}
