using Graph.Core;
using Graph.Ops.Shapes;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>The dynamic shape of x as an int32 vector (TF's <c>tf.shape</c>).</summary>
    public static Node ShapeOf(Node x) => Apply(new ShapeOfOp(), x);

    /// <summary><c>tf.reshape(x, shape)</c>; one −1 is inferred from the element count (on the concrete shape when x's is partial).</summary>
    public static Node Reshape(Node x, params int[] shape) => Apply(new ReshapeOp(shape), x);

    /// <summary>x's elements under <paramref name="like"/>'s shape (only its shape is read); x itself when the shapes already agree.</summary>
    public static Node ReshapeLike(Node x, Node like) =>
        x.Shape.IsFullyDefined && x.Shape.Equals(like.Shape) ? x : Apply(new ReshapeLikeOp(), x, like);

    /// <summary><c>tf.transpose(x, perm)</c>; without perm the axes are reversed.</summary>
    public static Node Transpose(Node x, params int[] perm) =>
        Apply(new TransposeOp(perm.Length == 0 ? Enumerable.Range(0, x.Shape.Rank).Reverse().ToArray() : perm), x);

    /// <summary>Keras <c>K.permute_dimensions(x, pattern)</c> = <see cref="Transpose"/>.</summary>
    public static Node Permute(Node x, params int[] perm) => Transpose(x, perm);

    /// <summary><c>tf.expand_dims(x, axis)</c>: a size-1 axis at <paramref name="axis"/> ∈ [−rank−1, rank].</summary>
    public static Node ExpandDims(Node x, int axis) => Apply(new ExpandDimsOp(axis), x);

    /// <summary>
    /// <c>tf.squeeze(x, axes)</c>; without axes, every dimension that is statically 1 now (an unknown one is kept).
    /// </summary>
    public static Node Squeeze(Node x, params int[] axes)
    {
        if (axes.Length == 0) axes = Enumerable.Range(0, x.Shape.Rank).Where(i => x.Shape[i] == 1).ToArray();
        return Apply(new SqueezeOp(axes), x);
    }

    /// <summary>Keras <c>K.batch_flatten</c> / Flatten: <c>(d₀, d₁, …) → (d₀, d₁·…)</c>.</summary>
    public static Node Flatten(Node x) => Apply(new FlattenOp(), x);

    /// <summary><c>tf.identity(x)</c>.</summary>
    public static Node Identity(Node x) => Apply(new IdentityOp(), x);

    /// <summary><c>tf.concat(xs, axis)</c>.</summary>
    public static Node Concat(IReadOnlyList<Node> xs, int axis = -1)
    {
        if (xs.Count == 0) throw new ArgumentException("Concat needs at least one input.", nameof(xs));
        return Apply(new ConcatOp(axis), [.. xs]);
    }

    /// <summary><c>tf.stack(xs, axis)</c>: a new axis at <paramref name="axis"/> ∈ [−rank−1, rank] (ExpandDims of each, then Concat).</summary>
    public static Node Stack(IReadOnlyList<Node> xs, int axis = 0)
    {
        if (xs.Count == 0) throw new ArgumentException("Stack needs at least one input.", nameof(xs));
        int rank = xs[0].Shape.Rank, a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank)
            throw new GraphException($"Stack: axis {axis} is out of range [{-rank - 1}, {rank}] for input 0 '{xs[0].Name}' of shape {xs[0].Shape}.");
        return Concat(xs.Select(x => ExpandDims(x, a)).ToArray(), a);
    }

    /// <summary>
    /// TF's <c>tf.strided_slice</c> with its exact mask semantics (<see cref="SliceSpec"/>); strides default to 1.
    /// </summary>
    public static Node StridedSlice(Node x, int[] begin, int[] end, int[]? strides = null, int beginMask = 0, int endMask = 0,
        int ellipsisMask = 0, int newAxisMask = 0, int shrinkAxisMask = 0) =>
        Apply(new StridedSliceOp(new SliceSpec(begin, end, strides ?? Enumerable.Repeat(1, begin.Length).ToArray(),
            beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask)), x);

    /// <summary>
    /// <c>tf.slice(x, begin, size)</c>: <c>x[begin[k] : begin[k] + size[k]]</c> on every axis; size −1 means "to the
    /// end". Unlike strided slicing nothing is clamped: a block outside x's known dims is an error. Built as a
    /// StridedSlice, so a dimension that is unknown in x stays unknown in the result (tf.slice would take the size).
    /// </summary>
    public static Node Slice(Node x, int[] begin, int[] size)
    {
        int rank = x.Shape.Rank;
        string Fail(string why) => $"Slice: {why} (begin [{string.Join(", ", begin)}], size [{string.Join(", ", size)}], input 0 '{x.Name}' of shape {x.Shape}).";
        if (begin.Length != rank || size.Length != rank) throw new GraphException(Fail($"begin and size need {rank} entries"));
        var end = new int[rank];
        int endMask = 0;
        for (int k = 0; k < rank; k++)
        {
            if (begin[k] < 0 || size[k] < -1) throw new GraphException(Fail($"begin must be >= 0 and size >= -1 in dimension {k}"));
            if (x.Shape[k] is { } d && (begin[k] > d || (size[k] >= 0 && begin[k] + size[k] > d)))
                throw new GraphException(Fail($"dimension {k} of size {d} does not hold the block"));
            if (size[k] == -1) endMask |= 1 << k;
            else end[k] = begin[k] + size[k];
        }
        return StridedSlice(x, begin, end, endMask: endMask);
    }

    /// <summary><c>tf.split(x, numSplits, axis)</c>: equal parts (the axis' size must be known and divisible), as slices.</summary>
    public static Node[] Split(Node x, int numSplits, int axis = -1)
    {
        int a = SplitAxis(x, axis);
        if (numSplits <= 0 || x.Shape[a] is not { } d || d % numSplits != 0)
            throw new GraphException($"Split: dimension {axis} of input 0 '{x.Name}' of shape {x.Shape} cannot be split into {numSplits} equal parts.");
        return Split(x, Enumerable.Repeat(d / numSplits, numSplits).ToArray(), axis);
    }

    /// <summary><c>tf.split(x, sizes, axis)</c>: parts of the given sizes (one may be −1: the rest), as slices.</summary>
    public static Node[] Split(Node x, int[] sizes, int axis = -1)
    {
        int a = SplitAxis(x, axis);
        string sizeText = string.Join(", ", sizes);
        if (x.Shape[a] is not { } d || sizes.Count(s => s == -1) > 1 || sizes.Any(s => s < -1))
            throw new GraphException($"Split: sizes [{sizeText}] do not split dimension {axis} of input 0 '{x.Name}' of shape {x.Shape}.");
        int known = sizes.Where(s => s >= 0).Sum();
        var resolved = sizes.Select(s => s == -1 ? d - known : s).ToArray();
        if (resolved.Any(s => s < 0) || resolved.Sum() != d)
            throw new GraphException($"Split: sizes [{sizeText}] do not add up to dimension {axis} (size {d}) of input 0 '{x.Name}' of shape {x.Shape}.");
        var parts = new Node[resolved.Length];
        for (int i = 0, offset = 0; i < parts.Length; offset += resolved[i], i++)
        {
            var begin = new int[a + 1];
            var end = new int[a + 1];
            (begin[a], end[a]) = (offset, offset + resolved[i]);
            int mask = (1 << a) - 1;
            parts[i] = StridedSlice(x, begin, end, beginMask: mask, endMask: mask);
        }
        return parts;
    }

    private static int SplitAxis(Node x, int axis)
    {
        int a = axis < 0 ? axis + x.Shape.Rank : axis;
        if (a < 0 || a >= x.Shape.Rank) throw new GraphException($"Split: axis {axis} is out of range for input 0 '{x.Name}' of shape {x.Shape}.");
        return a;
    }

    /// <summary><c>tf.gather(params, indices, axis)</c> with int32/int64 indices.</summary>
    public static Node Gather(Node parameters, Node indices, int axis = 0) => Apply(new GatherOp(axis), parameters, indices);

    /// <summary><c>tf.one_hot(indices, depth, on, off, axis, dtype)</c>; an index outside [0, depth) gives all <paramref name="off"/>.</summary>
    public static Node OneHot(Node indices, int depth, double on = 1, double off = 0, int axis = -1, DType dtype = DType.Float32) =>
        Apply(new OneHotOp(depth, on, off, axis, dtype), indices);

    /// <summary><c>tf.tile(x, multiples)</c>.</summary>
    public static Node Tile(Node x, params int[] multiples) => Apply(new TileOp(multiples), x);

    /// <summary>
    /// <c>tf.pad(x, paddings, mode, constant_values)</c>; <paramref name="paddings"/> is [rank, 2] (before, after);
    /// mode "CONSTANT", "REFLECT" or "SYMMETRIC" (case-insensitive, as TF).
    /// </summary>
    public static Node Pad(Node x, int[,] paddings, string mode = "CONSTANT", double constant = 0)
    {
        var padMode = mode.ToUpperInvariant() switch
        {
            "CONSTANT" => PadMode.Constant,
            "REFLECT" => PadMode.Reflect,
            "SYMMETRIC" => PadMode.Symmetric,
            _ => throw new ArgumentException($"Pad: unknown mode '{mode}'; expected CONSTANT, REFLECT or SYMMETRIC.", nameof(mode)),
        };
        if (paddings.GetLength(1) != 2)
            throw new GraphException($"Pad: paddings must be [rank, 2], got [{paddings.GetLength(0)}, {paddings.GetLength(1)}] for input 0 '{x.Name}' of shape {x.Shape}.");
        return Apply(new PadOp(paddings.Cast<int>().ToArray(), padMode, constant), x);
    }

    /// <summary>Keras <c>K.repeat_elements(x, rep, axis)</c> (numpy <c>repeat</c>).</summary>
    public static Node RepeatElements(Node x, int rep, int axis) => Apply(new RepeatElementsOp(rep, axis), x);

    /// <summary><c>tf.broadcast_to(x, shape)</c>; an unknown dim of <paramref name="shape"/> keeps x's aligned dim.</summary>
    public static Node BroadcastTo(Node x, Shape shape) => Apply(new BroadcastToOp(shape.Dims.Select(d => d ?? -1).ToArray()), x);
}
