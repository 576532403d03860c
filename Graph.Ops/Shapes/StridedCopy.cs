using System.Runtime.InteropServices;
using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// The one copy kernel of the shape ops. A view is (offset, dims, strides) over a dense buffer: element
/// <c>i = (i₀, …, iₙ₋₁)</c> of the view is <c>data[offset + Σ iₖ·strideₖ]</c>. Strides may be zero (broadcast,
/// tile, repeat) or negative (reversed slices). Transpose, slices, tile, broadcast and repeat are all such views,
/// so they share this code. Copies move raw elements of the dtype's width, so every dtype goes through the same
/// three instantiations (4, 8 and 1 bytes). Index arrays live on the stack: no allocation per call.
/// </summary>
internal static class StridedCopy
{
    /// <summary>Largest rank a view may have (stack-allocated index arrays).</summary>
    public const int MaxRank = 64;

    /// <summary>The buffer's elements reinterpreted as <typeparamref name="T"/> of the same width.</summary>
    public static Span<T> Raw<T>(TensorBuffer b) where T : unmanaged => b.DType switch
    {
        DType.Float32 => MemoryMarshal.Cast<float, T>(b.Span<float>()),
        DType.Float64 => MemoryMarshal.Cast<double, T>(b.Span<double>()),
        DType.Int32 => MemoryMarshal.Cast<int, T>(b.Span<int>()),
        DType.Int64 => MemoryMarshal.Cast<long, T>(b.Span<long>()),
        _ => MemoryMarshal.Cast<bool, T>(b.Span<bool>()),
    };

    /// <summary>Row-major strides of <paramref name="dims"/>.</summary>
    public static void RowMajor(ReadOnlySpan<int> dims, Span<int> strides)
    {
        int stride = 1;
        for (int i = dims.Length - 1; i >= 0; i--) { strides[i] = stride; stride *= dims[i]; }
    }

    /// <summary>dst (dense, in view order) ← the view (offset, dims, strides) of src.</summary>
    public static void Gather(TensorBuffer src, int offset, ReadOnlySpan<int> dims, ReadOnlySpan<int> strides, TensorBuffer dst)
    {
        switch (src.DType.SizeOf())
        {
            case 4: Walk(Raw<int>(src), offset, dims, strides, Raw<int>(dst), scatter: false); break;
            case 8: Walk(Raw<long>(src), offset, dims, strides, Raw<long>(dst), scatter: false); break;
            default: Walk(Raw<byte>(src), offset, dims, strides, Raw<byte>(dst), scatter: false); break;
        }
    }

    /// <summary>The view (offset, dims, strides) of dst ← src (dense, in view order). Other elements of dst are untouched.</summary>
    public static void Scatter(TensorBuffer src, TensorBuffer dst, int offset, ReadOnlySpan<int> dims, ReadOnlySpan<int> strides)
    {
        switch (src.DType.SizeOf())
        {
            case 4: Walk(Raw<int>(dst), offset, dims, strides, Raw<int>(src), scatter: true); break;
            case 8: Walk(Raw<long>(dst), offset, dims, strides, Raw<long>(src), scatter: true); break;
            default: Walk(Raw<byte>(dst), offset, dims, strides, Raw<byte>(src), scatter: true); break;
        }
    }

    /// <summary>
    /// Walks the view row by row (a row = the last view axis) with an odometer over the outer axes; copies
    /// view→dense (gather) or dense→view (scatter).
    /// </summary>
    private static void Walk<T>(Span<T> strided, int offset, ReadOnlySpan<int> dims, ReadOnlySpan<int> strides, Span<T> dense, bool scatter)
        where T : unmanaged
    {
        if (dense.Length == 0) return;
        int rank = dims.Length;
        if (rank == 0)
        {
            if (scatter) strided[offset] = dense[0];
            else dense[0] = strided[offset];
            return;
        }
        int inner = dims[rank - 1], innerStride = strides[rank - 1];
        Span<int> index = stackalloc int[rank];
        index.Clear();
        int off = offset;
        for (int start = 0; start < dense.Length; start += inner)
        {
            var row = dense.Slice(start, inner);
            if (scatter)
            {
                if (innerStride == 1) row.CopyTo(strided.Slice(off, inner));
                else for (int j = 0, o = off; j < inner; j++, o += innerStride) strided[o] = row[j];
            }
            else if (innerStride == 1) strided.Slice(off, inner).CopyTo(row);
            else if (innerStride == 0) row.Fill(strided[off]);
            else for (int j = 0, o = off; j < inner; j++, o += innerStride) row[j] = strided[o];

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                off += strides[axis];
                if (++index[axis] < dims[axis]) break;
                off -= strides[axis] * dims[axis];
                index[axis] = 0;
            }
        }
    }
}
