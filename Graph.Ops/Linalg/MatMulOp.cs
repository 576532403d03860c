using Graph.Core;
using Graph.Ops.Kernels;

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

    /// <summary>Runs the packed GEMM (Kernels/Gemm); transposes are absorbed by its packing.</summary>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var (a, b) = (inputs[0], inputs[1]);
        int m = output.Dims[0], n = output.Dims[1], k = a.Dims[TransposeA ? 0 : 1];
        int lda = a.Dims[1], ldb = b.Dims[1];
        if (output.DType == DType.Float32 && m == 1 && !TransposeA && !TransposeB && k > 0 && n > 0
            && (long)k * n < Gemm.ParallelRowTimesMatrix)
            RowTimesMatrix(a.Span<float>(), b.Span<float>(), output.Span<float>(), k, n);
        else if (output.DType == DType.Float32 && !TransposeA && n < SkinnyColumns && m >= SkinnyColumns && k >= 32)
            Skinny(a.Span<float>(), b.Span<float>(), output.Span<float>(), m, k, n);
        else if (output.DType == DType.Float32)
            Gemm.Multiply(TransposeA, TransposeB, m, n, k, a.Span<float>(), Math.Max(lda, 1), b.Span<float>(), Math.Max(ldb, 1), output.Span<float>(), Math.Max(n, 1));
        else
            Gemm.Multiply(TransposeA, TransposeB, m, n, k, a.Span<double>(), Math.Max(lda, 1), b.Span<double>(), Math.Max(ldb, 1), output.Span<double>(), Math.Max(n, 1));
    }

    /// <summary>Below this many output columns a product runs as row dot products (see <see cref="Skinny"/>).</summary>
    private const int SkinnyColumns = 16;

    /// <summary>
    /// A·B with few columns (a classifier's last layer, e.g. 1024×512·512×10): the packed GEMM pads the columns to its
    /// 16- or 64-wide register tile and measured 13 GFLOP/s there; m·n dot products of contiguous rows of A and of
    /// Bᵀ (transposed once into pooled scratch) run near memory speed instead.
    /// </summary>
    private void Skinny(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        float[]? rented = null;
        ReadOnlySpan<float> bt = b;
        if (!TransposeB)
        {
            rented = System.Buffers.ArrayPool<float>.Shared.Rent(n * k);
            for (int p = 0; p < k; p++)
                for (int j = 0; j < n; j++) rented[j * k + p] = b[p * n + j];
            bt = rented.AsSpan(0, n * k);
        }
        for (int i = 0; i < m; i++)
        {
            var row = a.Slice(i * k, k);
            for (int j = 0; j < n; j++) c[i * n + j] = System.Numerics.Tensors.TensorPrimitives.Dot(row, bt.Slice(j * k, k));
        }
        if (rented is not null) System.Buffers.ArrayPool<float>.Shared.Return(rented);
    }

    /// <summary>
    /// One small row times a matrix (the per-call overhead benchmarks): straight into the output with the GEMV
    /// kernel, skipping the general entry's argument checks, scratch and merge. Larger ones go through Gemm, which
    /// splits them over both cores.
    /// </summary>
    private static unsafe void RowTimesMatrix(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, int k, int n)
    {
        fixed (float* px = x)
        fixed (float* pw = w)
        fixed (float* py = y)
            Gemv.AxpyRows(px, k, pw, n, n, py);
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
