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
}
