using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.tile(x, multiples)</c>: <c>y[i] = x[i mod x.shape]</c> with <c>y.shape[k] = x.shape[k]·multiples[k]</c>
/// (multiples ≥ 0, one per axis); any dtype. The result is the view of x with dims
/// <c>(m₀, d₀, m₁, d₁, …)</c> and strides <c>(0, s₀, 0, s₁, …)</c>. The gradient sums the copies: the output
/// gradient reshaped to those interleaved dims, summed to <c>(1, d₀, 1, d₁, …)</c> with SumToShape and given x's
/// shape back.
/// </summary>
public sealed record TileOp(ValueArray<int> Multiples) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var shape = inputs[0].Shape;
        if (Multiples.Count != shape.Rank)
            throw new ShapeRuleException($"multiples {Multiples} has {Multiples.Count} entries; input 0 of shape {shape} has rank {shape.Rank}.");
        if (Multiples.Any(m => m < 0)) throw new ShapeRuleException($"multiples {Multiples} must be >= 0.");
        return new(inputs[0].DType, new Shape(shape.Dims.Select((d, k) => d * Multiples[k]).ToArray()));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var x = inputs[0];
        int rank = x.Rank;
        Span<int> inStrides = stackalloc int[rank], dims = stackalloc int[2 * rank], strides = stackalloc int[2 * rank];
        StridedCopy.RowMajor(x.Dims, inStrides);
        for (int k = 0; k < rank; k++)
        {
            (dims[2 * k], strides[2 * k]) = (Multiples[k], 0);
            (dims[2 * k + 1], strides[2 * k + 1]) = (x.Dims[k], inStrides[k]);
        }
        StridedCopy.Gather(x, 0, dims, strides, output);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var x = node.Inputs[0];
        if (Multiples.All(m => m == 1)) return [G.ReshapeLike(outputGradient, x)];
        var split = new List<int>();
        var like = x;
        for (int k = 0, inserted = 0; k < Multiples.Count; k++)
        {
            int d = x.Shape[k] ?? -1;
            if (Multiples[k] != 1)
            {
                split.Add(Multiples[k]);
                like = G.ExpandDims(like, k + inserted++);
            }
            split.Add(d);
        }
        return [G.ReshapeLike(G.SumToShape(Regroup(outputGradient, like, [.. split]), like), x)];
    }

    /// <summary>
    /// g (the shape of a tile/repeat of x) regrouped to <paramref name="split"/>: x's dims with the copy counts
    /// inserted where <paramref name="expanded"/> (x with size-1 axes there) has its 1s; −1 marks x's unknown dims.
    /// One unknown dim is inferred by Reshape; with more (or next to a zero count, which leaves −1 undetermined) the
    /// shape comes from <paramref name="expanded"/> broadcast to the split shape (a copy the size of g, but it works
    /// whatever the unknown dims are).
    /// </summary>
    internal static Node Regroup(Node g, Node expanded, int[] split)
    {
        int unknown = split.Count(d => d < 0);
        return unknown == 0 || (unknown == 1 && !split.Contains(0))
            ? G.Reshape(g, split)
            : G.ReshapeLike(g, G.Apply(new BroadcastToOp(split), expanded));
    }

    /// <inheritdoc/>
    public override string AttributeText => $"multiples={Multiples}";
}
