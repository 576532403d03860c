using System.Numerics;
using System.Runtime.InteropServices;
using Graph.Ops.Kernels;
using Graph.Core;
using Graph.Ops.Elementwise;

namespace Graph.Ops.Linalg;

/// <summary>
/// TF's <c>BatchMatMulV2</c>: <c>C[b…] = op(A[b…])·op(B[b…])</c> over the last two axes of rank ≥ 2 float inputs,
/// <c>op</c> the transpose when <paramref name="AdjX"/>/<paramref name="AdjY"/> is set (real adjoint). The batch
/// axes (all but the last two) broadcast numpy-style, so a rank-2 B is shared by every batch of A.
/// ∂/∂A and ∂/∂B are batch matmuls of g with the other operand (the four adjoint cases of TF), summed back to
/// the operand's batch shape with SumToShape.
/// </summary>
public sealed record BatchMatMulOp(bool AdjX = false, bool AdjY = false) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs, got {inputs.Length}.");
        var (a, b) = (inputs[0], inputs[1]);
        if (a.Shape.Rank < 2) throw new ShapeRuleException($"input 0 must have rank >= 2, got shape {a.Shape}.");
        if (b.Shape.Rank < 2) throw new ShapeRuleException($"input 1 must have rank >= 2, got shape {b.Shape}.");
        if (a.DType != b.DType || !a.DType.IsFloating())
            throw new ShapeRuleException($"inputs must share a float dtype, got {a.DType.Name()} and {b.DType.Name()}.");
        int? m = a.Shape[AdjX ? -1 : -2], ka = a.Shape[AdjX ? -2 : -1];
        int? kb = b.Shape[AdjY ? -1 : -2], n = b.Shape[AdjY ? -2 : -1];
        if (ka is { } x && kb is { } y && x != y)
            throw new ShapeRuleException($"inner dimensions differ: input 0 of shape {a.Shape}{(AdjX ? "ᵀ" : "")} and input 1 of shape {b.Shape}{(AdjY ? "ᵀ" : "")}.");
        var batch = Shape.TryBroadcast(BatchOf(a.Shape), BatchOf(b.Shape))
            ?? throw new ShapeRuleException($"batch dimensions of input 0 of shape {a.Shape} and input 1 of shape {b.Shape} cannot be broadcast together.");
        return new(a.DType, new Shape([.. batch.Dims, m, n]));
    }

    private static Shape BatchOf(Shape s) => new(s.Dims[..^2]);

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        if (output.DType == DType.Float32) Multiply<float>(inputs[0], inputs[1], output);
        else Multiply<double>(inputs[0], inputs[1], output);
    }

    private void Multiply<T>(TensorBuffer a, TensorBuffer b, TensorBuffer c) where T : unmanaged, INumber<T>
    {
        int rank = c.Rank, batchRank = rank - 2;
        int m = c.Dims[rank - 2], n = c.Dims[rank - 1], k = a.Dims[AdjX ? a.Rank - 2 : a.Rank - 1];
        ReadOnlySpan<T> sa = a.Span<T>(), sb = b.Span<T>();
        var sc = c.Span<T>();
        if (sc.Length == 0) return;
        // Batch strides in units of whole matrices (0 on broadcast axes).
        Span<int> strideA = stackalloc int[batchRank], strideB = stackalloc int[batchRank], index = stackalloc int[batchRank];
        Broadcasting.AlignedStrides(a.Dims.AsSpan(0, a.Rank - 2), c.Dims.AsSpan(0, batchRank), strideA);
        Broadcasting.AlignedStrides(b.Dims.AsSpan(0, b.Rank - 2), c.Dims.AsSpan(0, batchRank), strideB);
        var odometer = new BroadcastOdometer(c.Dims.AsSpan(0, batchRank), strideA, strideB, index);
        int batches = sc.Length / (m * n);
        for (int t = 0; t < batches; t++)
        {
            var ma = sa.Slice(odometer.OffsetA * m * k, m * k);
            var mb = sb.Slice(odometer.OffsetB * k * n, k * n);
            Product(ma, mb, sc.Slice(t * m * n, m * n), m, k, n);
            odometer.Advance(batchRank - 1);
        }
    }

    /// <summary>One matrix product of the batch, on the packed GEMM (transposes absorbed by packing).</summary>
    private void Product<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n) where T : unmanaged, INumber<T>
    {
        int lda = Math.Max(AdjX ? m : k, 1), ldb = Math.Max(AdjY ? k : n, 1), ldc = Math.Max(n, 1);
        if (typeof(T) == typeof(float))
            Gemm.Multiply(AdjX, AdjY, m, n, k, MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(b), ldb, MemoryMarshal.Cast<T, float>(c), ldc);
        else
            Gemm.Multiply(AdjX, AdjY, m, n, k, MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(b), ldb, MemoryMarshal.Cast<T, double>(c), ldc);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (a, b, g) = (node.Inputs[0], node.Inputs[1], outputGradient);
        var (gradA, gradB) = (AdjX, AdjY) switch
        {
            (false, false) => (G.BatchMatMul(g, b, false, true), G.BatchMatMul(a, g, true, false)),
            (false, true) => (G.BatchMatMul(g, b, false, false), G.BatchMatMul(g, a, true, false)),
            (true, false) => (G.BatchMatMul(b, g, false, true), G.BatchMatMul(a, g, false, false)),
            _ => (G.BatchMatMul(b, g, true, true), G.BatchMatMul(g, a, true, true)),
        };
        return [G.SumToShape(gradA, a), G.SumToShape(gradB, b)];
    }

    /// <inheritdoc/>
    public override string AttributeText => (AdjX, AdjY) switch
    {
        (false, false) => "",
        _ => $"adj_x={AdjX.ToString().ToLowerInvariant()}, adj_y={AdjY.ToString().ToLowerInvariant()}",
    };
}
