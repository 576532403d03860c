using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>
/// Axis bookkeeping shared by reductions, their broadcast-back and the axis ops (softmax, argmax): validation with
/// rule errors, the reduced shape, and an allocation-free walk of a dense tensor in contiguous runs.
/// </summary>
internal static class ReductionAxes
{
    /// <summary>
    /// Marks the reduced axes of a rank-<paramref name="rank"/> input: <c>null</c> means all; negative axes count
    /// from the end; out-of-range and repeated axes are rule errors (the graph adds the inputs' shapes).
    /// </summary>
    public static void Mark(ValueArray<int>? axes, int rank, Span<bool> reduced)
    {
        if (axes is not { } list) { reduced.Fill(true); return; }
        reduced.Clear();
        foreach (int axis in list)
        {
            int a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank)
                throw new ShapeRuleException($"axis {axis} is out of range for input 0 of rank {rank}.");
            if (reduced[a]) throw new ShapeRuleException($"axis {axis} appears twice in axes {list}.");
            reduced[a] = true;
        }
    }

    /// <summary>The result shape of reducing <paramref name="input"/> over the marked axes.</summary>
    public static Shape Reduce(Shape input, ReadOnlySpan<bool> reduced, bool keepDims)
    {
        var dims = input.Dims;
        var result = new List<int?>(dims.Length);
        for (int i = 0; i < dims.Length; i++)
        {
            if (!reduced[i]) result.Add(dims[i]);
            else if (keepDims) result.Add(1);
        }
        return new Shape(result.ToArray());
    }

    /// <summary>Validates <paramref name="axes"/> and returns the reduced shape (the reductions' shape rule).</summary>
    public static Shape ReducedShape(ValueArray<int>? axes, Shape input, bool keepDims)
    {
        Span<bool> reduced = stackalloc bool[input.Rank];
        Mark(axes, input.Rank, reduced);
        return Reduce(input, reduced, keepDims);
    }

    /// <summary>Splits dims around one axis: the product before it, its size, the product after it.</summary>
    public static (int Outer, int Size, int Inner) Split(ReadOnlySpan<int> dims, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        return (outer, dims[axis], inner);
    }

    /// <summary>Visits the contiguous runs of a walk over a full tensor and its reduced counterpart.</summary>
    public interface IRunVisitor
    {
        /// <summary>
        /// A run of <paramref name="length"/> elements starting at <paramref name="full"/> in the full tensor. When
        /// <paramref name="reducedRun"/> the run maps to the single reduced element at <paramref name="reduced"/>;
        /// otherwise to the <paramref name="length"/> reduced elements starting there.
        /// </summary>
        void Visit(int full, int reduced, int length, bool reducedRun);
    }

    /// <summary>
    /// Walks a dense tensor of <paramref name="dims"/> (with at least one element) in row-major order as runs: adjacent
    /// axes that are both reduced or both kept are merged and size-1 axes dropped, so the innermost block is one
    /// contiguous run handed to the visitor whole (vectorizable), and the outer blocks are walked by an odometer.
    /// </summary>
    public static void Walk<TVisitor>(scoped ReadOnlySpan<int> dims, scoped ReadOnlySpan<bool> reduced, ref TVisitor visitor)
        where TVisitor : IRunVisitor, allows ref struct
    {
        int rank = dims.Length;
        Span<int> size = stackalloc int[rank + 1];
        Span<bool> red = stackalloc bool[rank + 1];
        int n = 0;
        for (int axis = 0; axis < rank; axis++)
        {
            if (dims[axis] == 1) continue;
            if (n > 0 && red[n - 1] == reduced[axis]) size[n - 1] *= dims[axis];
            else { size[n] = dims[axis]; red[n] = reduced[axis]; n++; }
        }
        if (n == 0) { size[0] = 1; red[0] = false; n = 1; }

        int last = n - 1;
        Span<int> fullStride = stackalloc int[n], redStride = stackalloc int[n], index = stackalloc int[n];
        int fs = size[last], rs = red[last] ? 1 : size[last], outer = 1;
        for (int b = last - 1; b >= 0; b--)
        {
            fullStride[b] = fs;
            redStride[b] = red[b] ? 0 : rs;
            fs *= size[b];
            if (!red[b]) rs *= size[b];
            outer *= size[b];
        }
        index.Clear();
        int full = 0, off = 0;
        for (int o = 0; o < outer; o++)
        {
            visitor.Visit(full, off, size[last], red[last]);
            for (int b = last - 1; b >= 0; b--)
            {
                full += fullStride[b];
                off += redStride[b];
                if (++index[b] < size[b]) break;
                full -= fullStride[b] * size[b];
                off -= redStride[b] * size[b];
                index[b] = 0;
            }
        }
    }
}
