using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// Keras <c>K.repeat_elements(x, rep, axis)</c>: each slice along <paramref name="Axis"/> repeated
/// <paramref name="Rep"/> times in place, <c>y[…, j, …] = x[…, ⌊j / rep⌋, …]</c> (numpy <c>np.repeat</c>); any
/// dtype. The result is the view of x with the axis split into <c>(d, rep)</c> and stride 0 on rep. The gradient
/// regroups the output gradient to that split, sums the rep axis away with SumToShape and gives x's shape back.
/// </summary>
public sealed record RepeatElementsOp(int Rep, int Axis) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var shape = inputs[0].Shape;
        if (Rep < 0) throw new ShapeRuleException($"rep must be >= 0, got {Rep}.");
        int axis = GatherOp.Normalize(Axis, shape);
        return new(inputs[0].DType, shape.WithDim(axis, shape[axis] * Rep));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var x = inputs[0];
        int rank = x.Rank, axis = Axis < 0 ? Axis + rank : Axis;
        Span<int> inStrides = stackalloc int[rank], dims = stackalloc int[rank + 1], strides = stackalloc int[rank + 1];
        StridedCopy.RowMajor(x.Dims, inStrides);
        for (int k = 0, v = 0; k < rank; k++, v++)
        {
            (dims[v], strides[v]) = (x.Dims[k], inStrides[k]);
            if (k == axis) (dims[++v], strides[v]) = (Rep, 0);
        }
        StridedCopy.Gather(x, 0, dims, strides, output);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var x = node.Inputs[0];
        int axis = Axis < 0 ? Axis + x.Shape.Rank : Axis;
        var split = new List<int>();
        for (int k = 0; k < x.Shape.Rank; k++)
        {
            split.Add(x.Shape[k] ?? -1);
            if (k == axis) split.Add(Rep);
        }
        var expanded = G.ExpandDims(x, axis + 1);
        return [G.ReshapeLike(G.SumToShape(TileOp.Regroup(outputGradient, expanded, [.. split]), expanded), x)];
    }

    /// <inheritdoc/>
    public override string AttributeText => $"rep={Rep}, axis={Axis}";
}
