using Graph.Core;
using Graph.Ops.Linalg;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>TF's <c>matmul</c> on batches (<c>BatchMatMulV2</c>): rank ≥ 2, batch axes broadcast, optional adjoints.</summary>
    public static Node BatchMatMul(Node a, Node b, bool adjX = false, bool adjY = false) => Apply(new BatchMatMulOp(adjX, adjY), a, b);

    /// <summary>
    /// Keras 2.2.4 <c>K.dot(x, y)</c>: 2D·2D is a matmul; otherwise it contracts the last axis of x with the
    /// second-to-last of y (numpy/Theano <c>dot</c>), giving shape <c>x.shape[:-1] + y.shape[:-2] + y.shape[-1:]</c>,
    /// e.g. <c>(2, 3)·(4, 3, 5) → (2, 4, 5)</c>. An ND·2D product is a broadcast batch matmul (any unknown dims of x
    /// stay unknown); for y of rank ≥ 3, y is moved to <c>(k, rest)</c> and the result reshaped, which needs the
    /// result to have at most one unknown dimension. x may be rank 1 only when y has rank ≥ 3 (Keras fails otherwise).
    /// </summary>
    public static Node Dot(Node a, Node b)
    {
        int ra = a.Shape.Rank, rb = b.Shape.Rank;
        if (rb < 2 || ra < 1 || (ra == 1 && rb == 2))
            throw new GraphException($"Dot: input 0 '{a.Name}' of shape {a.Shape} and input 1 '{b.Name}' of shape {b.Shape} cannot be multiplied (ranks {ra} and {rb}).");
        if (a.Shape[-1] is { } ka && b.Shape[-2] is { } kb && ka != kb)
            throw new GraphException($"Dot: the last dimension of input 0 '{a.Name}' of shape {a.Shape} differs from the second-to-last of input 1 '{b.Name}' of shape {b.Shape}.");
        if (ra == 2 && rb == 2) return MatMul(a, b);
        if (rb == 2) return BatchMatMul(a, b);

        // y: (y₀, …, k, n) → (k, y₀, …, n) → (k, Y).
        var perm = new List<int> { rb - 2 };
        perm.AddRange(Enumerable.Range(0, rb - 2));
        perm.Add(rb - 1);
        var yFlat = Reshape(Transpose(b, [.. perm]), b.Shape[-2] ?? -1, -1);
        var product = ra == 1 ? MatMul(Reshape(a, 1, -1), yFlat) : BatchMatMul(a, yFlat);
        var target = a.Shape.Dims[..^1].Concat(b.Shape.Dims[..^2]).Append(b.Shape[-1]).Select(d => d ?? -1).ToArray();
        if (target.Count(d => d < 0) > 1)
            throw new GraphException($"Dot: the result of input 0 '{a.Name}' of shape {a.Shape} and input 1 '{b.Name}' of shape {b.Shape} would have more than one unknown dimension.");
        return Reshape(product, target);
    }

    /// <summary>Keras <c>K.batch_dot(x, y, axes)</c> with one axis for both inputs.</summary>
    public static Node BatchDot(Node x, Node y, int axes) => BatchDot(x, y, [axes, axes]);

    /// <summary>
    /// Keras 2.2.4 <c>K.batch_dot(x, y, axes)</c> (rank ≥ 2, axis 0 the batch): the lower-rank input gets trailing
    /// size-1 axes; two matrices give the row-wise dot <c>Σ x·y</c> over the axis (as <c>(batch, 1)</c>); otherwise it
    /// is a batch matmul whose adjoints are chosen as Keras does (x adjoint unless axes[0] is x's last axis, y adjoint
    /// when axes[1] is y's last axis), the padded axes squeezed away, and a rank-1 result made <c>(batch, 1)</c>.
    /// Default axes: <c>(rank(x) − 1, rank(y) − 2)</c>. Negative axes count from the end (Keras 2.2.4 did not
    /// normalize them).
    /// </summary>
    public static Node BatchDot(Node x, Node y, int[]? axes = null)
    {
        int xRank = x.Shape.Rank, yRank = y.Shape.Rank;
        string Describe() => $"input 0 '{x.Name}' of shape {x.Shape} and input 1 '{y.Name}' of shape {y.Shape}";
        if (xRank < 2 || yRank < 2) throw new GraphException($"BatchDot: {Describe()} must both have rank >= 2.");
        axes ??= [xRank - 1, yRank - 2];
        if (axes.Length != 2) throw new GraphException($"BatchDot: axes must have 2 entries, got {axes.Length} for {Describe()}.");
        int ax = axes[0] < 0 ? axes[0] + xRank : axes[0], ay = axes[1] < 0 ? axes[1] + yRank : axes[1];
        if (ax <= 0 || ax >= xRank || ay <= 0 || ay >= yRank)
            throw new GraphException($"BatchDot: axes ({axes[0]}, {axes[1]}) must name non-batch axes of {Describe()}.");
        if (x.Shape[ax] is { } dx && y.Shape[ay] is { } dy && dx != dy)
            throw new GraphException($"BatchDot: axis {axes[0]} of x (size {dx}) and axis {axes[1]} of y (size {dy}) differ: {Describe()}.");

        int diff = Math.Abs(xRank - yRank);
        for (int i = xRank; i < yRank; i++) x = ExpandDims(x, -1);
        for (int i = yRank; i < xRank; i++) y = ExpandDims(y, -1);
        Node result;
        if (x.Shape.Rank == 2)
        {
            // Both axes are 1 here: Σₖ x[b, k]·y[b, k] as a (batch, 1, k)·(batch, k, 1) batch matmul (no reduction op needed).
            result = Reshape(BatchMatMul(ExpandDims(x, 1), ExpandDims(y, 2)), -1);
        }
        else
        {
            result = BatchMatMul(x, y, adjX: ax != x.Shape.Rank - 1, adjY: ay == y.Shape.Rank - 1);
        }
        if (diff > 0)
        {
            int start = xRank > yRank ? xRank + yRank - 3 : xRank - 1;
            result = Squeeze(result, Enumerable.Range(start, diff).ToArray());
        }
        return result.Shape.Rank == 1 ? ExpandDims(result, 1) : result;
    }
}
