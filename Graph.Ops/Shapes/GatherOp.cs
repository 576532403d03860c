using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.gather(params, indices, axis)</c>: <c>y[o, j…, i] = params[o, indices[j…], i]</c>, where o runs over the
/// axes before <paramref name="Axis"/> and i over those after; the result's shape is
/// <c>params.shape[:axis] + indices.shape + params.shape[axis+1:]</c>. Indices are int32 or int64 and must lie in
/// [0, params.shape[axis]) (an index outside fails the run, as TF on CPU). Params may have any dtype.
/// ∂/∂params = the gradient scatter-added back at the indices (<see cref="ScatterAddOp"/>); indices get none.
/// </summary>
public sealed record GatherOp(int Axis = 0) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs (params, indices), got {inputs.Length}.");
        var (p, indices) = (inputs[0], inputs[1]);
        if (!indices.DType.IsInteger())
            throw new ShapeRuleException($"input 1 (indices) must be int32 or int64, got {indices}.");
        if (p.Shape.Rank == 0) throw new ShapeRuleException($"input 0 (params) must have rank >= 1, got shape {p.Shape}.");
        int axis = Normalize(Axis, p.Shape);
        return new(p.DType, ResultShape(p.Shape, indices.Shape, axis));
    }

    internal static int Normalize(int axis, Shape shape)
    {
        int a = axis < 0 ? axis + shape.Rank : axis;
        if (a < 0 || a >= shape.Rank) throw new ShapeRuleException($"axis {axis} is out of range for input 0 of shape {shape}.");
        return a;
    }

    internal static Shape ResultShape(Shape p, Shape indices, int axis)
    {
        var pd = p.Dims;
        return new Shape([.. pd[..axis], .. indices.Dims, .. pd[(axis + 1)..]]);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType.SizeOf())
        {
            case 4: Run<int>(inputs[0], inputs[1], output); break;
            case 8: Run<long>(inputs[0], inputs[1], output); break;
            default: Run<byte>(inputs[0], inputs[1], output); break;
        }
    }

    private void Run<T>(TensorBuffer p, TensorBuffer indices, TensorBuffer output) where T : unmanaged
    {
        int axis = Axis < 0 ? Axis + p.Rank : Axis;
        var (outer, inner) = ConcatOp.Split(p.Dims, axis);
        int n = p.Dims[axis], count = indices.Length;
        var src = StridedCopy.Raw<T>(p);
        var dst = StridedCopy.Raw<T>(output);
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
            {
                int index = ReadIndex(indices, j, n);
                src.Slice((o * n + index) * inner, inner).CopyTo(dst.Slice((o * count + j) * inner, inner));
            }
    }

    /// <summary>Index j of an int32/int64 buffer, checked to lie in [0, n).</summary>
    internal static int ReadIndex(TensorBuffer indices, int j, int n)
    {
        long v = indices.DType == DType.Int32 ? indices.Span<int>()[j] : indices.Span<long>()[j];
        if (v < 0 || v >= n) throw new InvalidOperationException($"indices[{j}] = {v} is not in [0, {n}).");
        return (int)v;
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Apply(new ScatterAddOp(Axis), outputGradient, node.Inputs[1], node.Inputs[0]), null];

    /// <inheritdoc/>
    public override string AttributeText => $"axis={Axis}";
}
