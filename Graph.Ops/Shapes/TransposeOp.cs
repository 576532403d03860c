using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.transpose(x, perm)</c>: <c>y[i₀, …, iₙ₋₁] = x[j]</c> with <c>j[perm[k]] = iₖ</c>, so
/// <c>y.shape[k] = x.shape[perm[k]]</c>. Negative entries count from the end. Any dtype.
/// The gradient transposes back with the inverse permutation.
/// </summary>
public sealed record TransposeOp(ValueArray<int> Perm) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var shape = inputs[0].Shape;
        var perm = Normalized(shape.Rank);
        return new(inputs[0].DType, new Shape(perm.Select(p => shape[p]).ToArray()));
    }

    /// <summary>The permutation with negative entries resolved; checked to be a permutation of [0, rank).</summary>
    private int[] Normalized(int rank)
    {
        if (Perm.Count != rank) throw new ShapeRuleException($"perm {Perm} has {Perm.Count} entries; input 0 has rank {rank}.");
        var perm = new int[rank];
        var seen = new bool[rank];
        for (int i = 0; i < rank; i++)
        {
            int p = Perm[i] < 0 ? Perm[i] + rank : Perm[i];
            if (p < 0 || p >= rank || seen[p]) throw new ShapeRuleException($"perm {Perm} is not a permutation of the {rank} axes of input 0.");
            seen[p] = true;
            perm[i] = p;
        }
        return perm;
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var x = inputs[0];
        int rank = x.Rank;
        Span<int> inStrides = stackalloc int[rank], strides = stackalloc int[rank];
        StridedCopy.RowMajor(x.Dims, inStrides);
        for (int k = 0; k < rank; k++)
        {
            int p = Perm[k] < 0 ? Perm[k] + rank : Perm[k];
            strides[k] = inStrides[p];
        }
        StridedCopy.Gather(x, 0, output.Dims, strides, output);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var perm = Normalized(Perm.Count);
        var inverse = new int[perm.Length];
        for (int k = 0; k < perm.Length; k++) inverse[perm[k]] = k;
        return [G.Transpose(outputGradient, inverse)];
    }

    /// <inheritdoc/>
    public override string AttributeText => $"perm={Perm}";
}
