using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Ops.Linalg;

/// <summary>
/// <c>C = op(A)·op(B)</c> for rank-2 float inputs, <c>op</c> a transpose when its flag is set.
/// ∂/∂A = g·op(B)ᵀ (transposed back if A was), ∂/∂B = op(A)ᵀ·g likewise.
/// </summary>
public sealed record MatMulOp(bool TransposeA = false, bool TransposeB = false) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs, got {inputs.Length}.");
        var (a, b) = (inputs[0], inputs[1]);
        if (a.Shape.Rank != 2) throw new ShapeRuleException($"input 0 must be rank 2, got shape {a.Shape}.");
        if (b.Shape.Rank != 2) throw new ShapeRuleException($"input 1 must be rank 2, got shape {b.Shape}.");
        if (a.DType != b.DType || !a.DType.IsFloating())
            throw new ShapeRuleException($"inputs must share a float dtype, got {a.DType.Name()} and {b.DType.Name()}.");
        int? m = a.Shape[TransposeA ? 1 : 0], ka = a.Shape[TransposeA ? 0 : 1];
        int? kb = b.Shape[TransposeB ? 1 : 0], n = b.Shape[TransposeB ? 0 : 1];
        if (ka is { } x && kb is { } y && x != y)
            throw new ShapeRuleException($"inner dimensions differ: input 0 of shape {a.Shape}{(TransposeA ? "ᵀ" : "")} and input 1 of shape {b.Shape}{(TransposeB ? "ᵀ" : "")}.");
        return new(a.DType, new Shape(m, n));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        if (output.DType == DType.Float32) Multiply<float>(inputs[0], inputs[1], output);
        else Multiply<double>(inputs[0], inputs[1], output);
    }

    private void Multiply<T>(TensorBuffer a, TensorBuffer b, TensorBuffer c) where T : unmanaged, INumber<T>
    {
        int m = c.Dims[0], n = c.Dims[1], k = a.Dims[TransposeA ? 0 : 1];
        ReadOnlySpan<T> sa = a.Span<T>(), sb = b.Span<T>();
        var sc = c.Span<T>();
        sc.Clear();
        for (int i = 0; i < m; i++)
        {
            var row = sc.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                T aip = TransposeA ? sa[p * m + i] : sa[i * k + p];
                if (!TransposeB) TensorPrimitives.MultiplyAdd(sb.Slice(p * n, n), aip, row, row);
                else for (int j = 0; j < n; j++) row[j] += aip * sb[j * k + p];
            }
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (a, b, g) = (node.Inputs[0], node.Inputs[1], outputGradient);
        Node gradA = TransposeA ? G.MatMul(b, g, TransposeB, true) : G.MatMul(g, b, false, !TransposeB);
        Node gradB = TransposeB ? G.MatMul(g, a, true, TransposeA) : G.MatMul(a, g, !TransposeA, false);
        return [gradA, gradB];
    }

    /// <inheritdoc/>
    public override string AttributeText => (TransposeA, TransposeB) switch
    {
        (false, false) => "",
        _ => $"transpose_a={TransposeA.ToString().ToLowerInvariant()}, transpose_b={TransposeB.ToString().ToLowerInvariant()}",
    };
}
