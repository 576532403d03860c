using System.Numerics;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Undoes a broadcast: sums <c>g</c> (input 0) over the axes where the target (input 1, only its shape is read)
/// was broadcast, giving the target's shape. Gradients of broadcasting ops end with it.
/// </summary>
public sealed record SumToShapeOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs (value, shape target), got {inputs.Length}.");
        var (g, target) = (inputs[0], inputs[1]);
        if (Shape.TryBroadcast(g.Shape, target.Shape) is null || target.Shape.Rank > g.Shape.Rank)
            throw new ShapeRuleException($"input 0 of shape {g.Shape} is not a broadcast of input 1's shape {target.Shape}.");
        return new(g.DType, target.Shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType)
        {
            case DType.Float32: Reduce<float>(inputs[0], output); break;
            case DType.Float64: Reduce<double>(inputs[0], output); break;
            case DType.Int32: Reduce<int>(inputs[0], output); break;
            default: Reduce<long>(inputs[0], output); break;
        }
    }

    private static void Reduce<T>(TensorBuffer g, TensorBuffer output) where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> src = g.Span<T>();
        var dst = output.Span<T>();
        if (src.Length == dst.Length) { src.CopyTo(dst); return; }
        dst.Clear();
        if (dst.Length == 0 || src.Length == 0) return;
        int rank = g.Rank;
        Span<int> stride = stackalloc int[rank], index = stackalloc int[rank];
        Broadcasting.AlignedStrides(output.Dims, g.Dims, stride);
        // The common gradient shapes reduce a block of leading axes (bias gradients: (n, c) → (c,)) or of trailing
        // axes ((n, c) → (n, 1)); both are contiguous, so they run as vector adds or vector sums.
        int split = 0;
        while (split < rank && (stride[split] == 0 || g.Dims[split] == 1)) split++;
        if (IsKept(stride, g.Dims, split, rank))
        {
            int inner = dst.Length;
            for (int row = 0; row < src.Length / inner; row++)
                System.Numerics.Tensors.TensorPrimitives.Add(dst, src.Slice(row * inner, inner), dst);
            return;
        }
        split = rank;
        while (split > 0 && (stride[split - 1] == 0 || g.Dims[split - 1] == 1)) split--;
        if (IsKept(stride, g.Dims, 0, split))
        {
            int block = src.Length / dst.Length;
            for (int i = 0; i < dst.Length; i++) dst[i] = System.Numerics.Tensors.TensorPrimitives.Sum(src.Slice(i * block, block));
            return;
        }
        var odometer = new BroadcastOdometer(g.Dims, stride, stride, index);
        for (int i = 0; i < src.Length; i++)
        {
            dst[odometer.OffsetA] += src[i];
            odometer.Advance(rank - 1);
        }
    }

    /// <summary>True when no axis in [from, to) is reduced (stride 0 on an axis longer than 1).</summary>
    private static bool IsKept(ReadOnlySpan<int> stride, ReadOnlySpan<int> dims, int from, int to)
    {
        for (int axis = from; axis < to; axis++)
            if (stride[axis] == 0 && dims[axis] != 1) return false;
        return true;
    }

    /// <summary>The gradient of a sum is the broadcast back: g' broadcast to input 0's shape.</summary>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Add(outputGradient, G.ZerosLike(node.Inputs[0])), null];
}
