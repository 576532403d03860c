using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// TF's <c>strided_slice</c> specification, exactly as TF reads it (<c>ValidateStridedSliceOp</c>): entry i of
/// <see cref="Begin"/>/<see cref="End"/>/<see cref="Strides"/> is a sparse index that is, by its mask bits, an
/// ellipsis (at most one; it spans the axes no other entry names, and one is implied at the end), a new size-1
/// axis, a single index that removes the axis (shrink: begin only, negative counts from the end, must be in
/// range, stride must be positive), or a range. A range's begin/end count from the end when negative and are
/// clamped into the axis; a masked begin/end means "from the start"/"to the end" in the stride's direction
/// (strides may be negative, never 0). Python's <c>x[1:-1:2, ..., None, 0]</c> is this spec.
/// </summary>
public sealed record SliceSpec(ValueArray<int> Begin, ValueArray<int> End, ValueArray<int> Strides,
    int BeginMask = 0, int EndMask = 0, int EllipsisMask = 0, int NewAxisMask = 0, int ShrinkAxisMask = 0)
{
    private const int NewAxis = -1, Shrink = -2;

    /// <summary>
    /// Resolves the spec against input dims (−1 = unknown): per input axis the first index, the step and the count
    /// (−1 when unknown). When <paramref name="final"/> is given it receives the result's dims (−1 unknown).
    /// </summary>
    /// <exception cref="ShapeRuleException">the spec does not fit the input.</exception>
    public void Resolve(ReadOnlySpan<int> dims, Span<int> begin, Span<int> stride, Span<int> size, List<int>? final)
    {
        int n = Begin.Count, rank = dims.Length;
        if (End.Count != n || Strides.Count != n)
            throw new ShapeRuleException($"begin {Begin}, end {End} and strides {Strides} must have the same length.");
        if ((EllipsisMask & (EllipsisMask - 1)) != 0) throw new ShapeRuleException($"ellipsis_mask {EllipsisMask} has more than one ellipsis.");
        int ellipsis = EllipsisMask, sparseDims = n, addAxisAfterEllipsis = 0;
        bool seen = false;
        for (int i = 0; i < n; i++)
        {
            if (seen && (NewAxisMask & (1 << i)) != 0) addAxisAfterEllipsis++;
            if ((ellipsis & (1 << i)) != 0) seen = true;
        }
        if (!seen) { ellipsis |= 1 << n; sparseDims++; }

        // Dense spec: one entry per input axis; bits of the dense masks are input axes.
        int denseBeginMask = 0, denseEndMask = 0, denseShrink = 0, full = 0;
        Span<int> denseEnd = stackalloc int[rank];
        for (int i = 0; i < sparseDims; i++)
        {
            if ((ellipsis & (1 << i)) != 0)
            {
                int next = Math.Min(rank - (sparseDims - i) + 1 + addAxisAfterEllipsis, rank);
                for (; full < next; full++)
                {
                    begin[full] = denseEnd[full] = 0;
                    stride[full] = 1;
                    denseBeginMask |= 1 << full;
                    denseEndMask |= 1 << full;
                    final?.Add(full);
                }
            }
            else if ((NewAxisMask & (1 << i)) != 0) final?.Add(NewAxis);
            else
            {
                if (full == rank) throw new ShapeRuleException($"index {i} of the slice spec is out of range: input 0 has only {rank} dimensions.");
                begin[full] = Begin[i];
                denseEnd[full] = End[i];
                stride[full] = Strides[i];
                if ((BeginMask & (1 << i)) != 0) denseBeginMask |= 1 << full;
                if ((EndMask & (1 << i)) != 0) denseEndMask |= 1 << full;
                if ((ShrinkAxisMask & (1 << i)) != 0) { denseShrink |= 1 << full; final?.Add(Shrink); }
                else final?.Add(full);
                full++;
            }
        }

        for (int i = 0; i < rank; i++)
        {
            int s = stride[i], dim = dims[i];
            bool shrink = (denseShrink & (1 << i)) != 0;
            if (s == 0) throw new ShapeRuleException($"stride of dimension {i} is 0; strides must be non-zero.");
            if (shrink && s < 0) throw new ShapeRuleException($"dimension {i} takes a single index with stride {s}; only positive strides are allowed there.");
            if (dim < 0) { size[i] = shrink ? 1 : -1; continue; }
            int b, e;
            if (shrink)
            {
                b = begin[i] < 0 ? dim + begin[i] : begin[i];
                if (b < 0 || b >= dim) throw new ShapeRuleException($"index {begin[i]} of dimension {i} is out of bounds for input 0's size {dim}.");
                e = b + 1;
                s = 1;
            }
            else
            {
                b = Canonical(begin[i], (denseBeginMask & (1 << i)) != 0, s, dim, end: false);
                e = Canonical(denseEnd[i], (denseEndMask & (1 << i)) != 0, s, dim, end: true);
            }
            int length = e - b;
            begin[i] = b;
            stride[i] = s;
            size[i] = length == 0 || (length < 0) != (s < 0) ? 0 : length / s + (length % s != 0 ? 1 : 0);
        }

        if (final is null) return;
        for (int k = final.Count - 1; k >= 0; k--)
        {
            if (final[k] == Shrink) final.RemoveAt(k);
            else final[k] = final[k] == NewAxis ? 1 : size[final[k]];
        }
    }

    /// <summary>TF's canonicalization: masked → the start/end in the stride's direction; else wrap negatives and clamp.</summary>
    private static int Canonical(int x, bool masked, int stride, int dim, bool end)
    {
        int lo = stride > 0 ? 0 : -1, hi = stride > 0 ? dim : dim - 1;
        if (masked) return (stride > 0) == end ? hi : lo;
        int fwd = x < 0 ? dim + x : x;
        return fwd < lo ? lo : fwd > hi ? hi : fwd;
    }

    /// <summary>The result's shape for an input shape (unknown dims give unknown sizes, except single indices).</summary>
    public Shape ResultShape(Shape input)
    {
        int rank = input.Rank;
        var dims = input.Dims.Select(d => d ?? -1).ToArray();
        var final = new List<int>();
        Resolve(dims, new int[rank], new int[rank], new int[rank], final);
        return new Shape(final.Select(d => d < 0 ? (int?)null : d).ToArray());
    }

    /// <summary>The input's (offset, strides) of the slice's view, with dims <paramref name="size"/>, for concrete input dims.</summary>
    public int View(ReadOnlySpan<int> dims, Span<int> size, Span<int> strides)
    {
        int rank = dims.Length;
        Span<int> begin = stackalloc int[rank], step = stackalloc int[rank], inStrides = stackalloc int[rank];
        Resolve(dims, begin, step, size, null);
        StridedCopy.RowMajor(dims, inStrides);
        int offset = 0;
        for (int i = 0; i < rank; i++)
        {
            offset += begin[i] * inStrides[i];
            strides[i] = step[i] * inStrides[i];
        }
        return offset;
    }

    /// <summary><c>begin=[..], end=[..], strides=[..]</c> and the non-zero masks.</summary>
    public override string ToString()
    {
        var text = $"begin={Begin}, end={End}, strides={Strides}";
        if (BeginMask != 0) text += $", begin_mask={BeginMask}";
        if (EndMask != 0) text += $", end_mask={EndMask}";
        if (EllipsisMask != 0) text += $", ellipsis_mask={EllipsisMask}";
        if (NewAxisMask != 0) text += $", new_axis_mask={NewAxisMask}";
        if (ShrinkAxisMask != 0) text += $", shrink_axis_mask={ShrinkAxisMask}";
        return text;
    }
}
