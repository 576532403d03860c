using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Row decomposition of a numpy broadcast. The output is walked row by row (a row = the last dimension); for each
/// row each operand is either a full row (stride 1) or one repeated element (stride 0), so kernels only ever see
/// vector⊕vector, vector⊕scalar and scalar⊕vector rows. Offsets are computed incrementally, with no allocation.
/// </summary>
internal static class Broadcasting
{
    /// <summary>Shape rule: the broadcast of the inputs' shapes, or a rule error naming both.</summary>
    public static Shape ResultShape(in TensorType a, in TensorType b)
    {
        return Shape.TryBroadcast(a.Shape, b.Shape)
            ?? throw new ShapeRuleException($"input 0 of shape {a.Shape} and input 1 of shape {b.Shape} cannot be broadcast together.");
    }

    /// <summary>The row kernel a binary op supplies.</summary>
    public interface IRowKernel<T>
    {
        void VectorVector(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d);
        void VectorScalar(ReadOnlySpan<T> a, T b, Span<T> d);
        void ScalarVector(T a, ReadOnlySpan<T> b, Span<T> d);
    }

    /// <summary>Runs <paramref name="kernel"/> over the broadcast of a and b into d.</summary>
    public static void Run<T, TKernel>(TensorBuffer a, TensorBuffer b, TensorBuffer d, TKernel kernel)
        where TKernel : IRowKernel<T>
    {
        ReadOnlySpan<T> sa = a.Span<T>(), sb = b.Span<T>();
        Span<T> sd = d.Span<T>();
        if (sd.Length == 0) return;
        if (sa.Length == sd.Length && sb.Length == sd.Length) { kernel.VectorVector(sa, sb, sd); return; }
        if (sb.Length == 1 && sa.Length == sd.Length) { kernel.VectorScalar(sa, sb[0], sd); return; }
        if (sa.Length == 1 && sb.Length == sd.Length) { kernel.ScalarVector(sa[0], sb, sd); return; }

        int rank = d.Rank;
        Span<int> strideA = stackalloc int[rank], strideB = stackalloc int[rank], index = stackalloc int[rank];
        AlignedStrides(a.Dims, d.Dims, strideA);
        AlignedStrides(b.Dims, d.Dims, strideB);
        var odometer = new BroadcastOdometer(d.Dims, strideA, strideB, index);
        int inner = d.Dims[rank - 1], rows = sd.Length / inner;
        bool rowA = strideA[rank - 1] != 0, rowB = strideB[rank - 1] != 0;
        for (int r = 0; r < rows; r++)
        {
            var dst = sd.Slice(r * inner, inner);
            int offA = odometer.OffsetA, offB = odometer.OffsetB;
            if (rowA && rowB) kernel.VectorVector(sa.Slice(offA, inner), sb.Slice(offB, inner), dst);
            else if (rowA) kernel.VectorScalar(sa.Slice(offA, inner), sb[offB], dst);
            else if (rowB) kernel.ScalarVector(sa[offA], sb.Slice(offB, inner), dst);
            else
            {
                kernel.ScalarVector(sa[offA], sb.Slice(offB, 1), dst[..1]);
                dst.Fill(dst[0]);
            }
            odometer.Advance(rank - 2);
        }
    }

    /// <summary>Strides of <paramref name="dims"/> aligned right to <paramref name="outDims"/>; 0 on broadcast axes.</summary>
    public static void AlignedStrides(ReadOnlySpan<int> dims, ReadOnlySpan<int> outDims, Span<int> strides)
    {
        int lead = outDims.Length - dims.Length, stride = 1;
        for (int axis = outDims.Length - 1; axis >= 0; axis--)
        {
            int d = axis < lead ? 1 : dims[axis - lead];
            strides[axis] = d == 1 ? 0 : stride;
            stride *= d;
        }
    }
}
