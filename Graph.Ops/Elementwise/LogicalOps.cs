using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Base of bool binary ops with numpy broadcasting. Bools are stored as bytes 0/1, so the kernels are the byte
/// bitwise operations of TensorPrimitives. Not differentiable.
/// </summary>
public abstract record LogicalBinaryOp : KernelOp
{
    /// <summary>d = a ⊕ b on byte views of bool spans.</summary>
    private protected abstract void Bytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> d);

    /// <summary>d = a ⊕ b with a scalar b.</summary>
    private protected abstract void Bytes(ReadOnlySpan<byte> a, byte b, Span<byte> d);

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs, got {inputs.Length}.");
        for (int i = 0; i < 2; i++)
            if (inputs[i].DType != DType.Bool) throw new ShapeRuleException($"input {i} is {inputs[i]}; {Type} needs bool inputs.");
        return new(DType.Bool, Broadcasting.ResultShape(inputs[0], inputs[1]));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        Broadcasting.Run<bool, Rows>(inputs[0], inputs[1], output, new(this));

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null, null];

    private readonly struct Rows(LogicalBinaryOp op) : Broadcasting.IRowKernel<bool>
    {
        public void VectorVector(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> d) => op.Bytes(AsBytes(a), AsBytes(b), AsBytes(d));
        public void VectorScalar(ReadOnlySpan<bool> a, bool b, Span<bool> d) => op.Bytes(AsBytes(a), b ? (byte)1 : (byte)0, AsBytes(d));
        public void ScalarVector(bool a, ReadOnlySpan<bool> b, Span<bool> d) => op.Bytes(AsBytes(b), a ? (byte)1 : (byte)0, AsBytes(d));
    }

    internal static ReadOnlySpan<byte> AsBytes(ReadOnlySpan<bool> s) => MemoryMarshal.AsBytes(s);
    internal static Span<byte> AsBytes(Span<bool> s) => MemoryMarshal.AsBytes(s);
}

/// <summary><c>a ∧ b</c> with broadcasting.</summary>
public sealed record LogicalAndOp : LogicalBinaryOp
{
    private protected override void Bytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> d) => TensorPrimitives.BitwiseAnd(a, b, d);
    private protected override void Bytes(ReadOnlySpan<byte> a, byte b, Span<byte> d) => TensorPrimitives.BitwiseAnd(a, b, d);
}

/// <summary><c>a ∨ b</c> with broadcasting.</summary>
public sealed record LogicalOrOp : LogicalBinaryOp
{
    private protected override void Bytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> d) => TensorPrimitives.BitwiseOr(a, b, d);
    private protected override void Bytes(ReadOnlySpan<byte> a, byte b, Span<byte> d) => TensorPrimitives.BitwiseOr(a, b, d);
}

/// <summary><c>¬x</c> on bool.</summary>
public sealed record LogicalNotOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        if (inputs[0].DType != DType.Bool) throw new ShapeRuleException($"input 0 is {inputs[0]}; LogicalNot needs bool.");
        return inputs[0];
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context) =>
        TensorPrimitives.Xor(LogicalBinaryOp.AsBytes((ReadOnlySpan<bool>)inputs[0].Span<bool>()), (byte)1, LogicalBinaryOp.AsBytes(output.Span<bool>()));

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];
}
