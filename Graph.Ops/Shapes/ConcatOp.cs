using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.concat(xs, axis)</c>: joins n ≥ 1 inputs of one dtype and rank along <paramref name="Axis"/> (negative
/// counts from the end); every other dimension must agree. The gradient of input i is the matching block of the
/// output gradient (<see cref="ConcatSliceOp"/>, which reads the block's offset from the inputs' concrete shapes,
/// so it also works when a concatenated dimension is unknown).
/// </summary>
public sealed record ConcatOp(int Axis) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length == 0) throw new ShapeRuleException("expects at least 1 input, got 0.");
        var first = inputs[0];
        int rank = first.Shape.Rank;
        if (rank == 0) throw new ShapeRuleException($"cannot concatenate scalars (input 0 has shape {first.Shape}); use Stack.");
        int axis = NormalizeAxis(Axis, rank);
        var dims = first.Shape.Dims;
        for (int i = 1; i < inputs.Length; i++)
        {
            var t = inputs[i];
            if (t.DType != first.DType)
                throw new ShapeRuleException($"input {i} is {t.DType.Name()} but input 0 is {first.DType.Name()}.");
            if (t.Shape.Rank != rank)
                throw new ShapeRuleException($"input {i} of shape {t.Shape} has rank {t.Shape.Rank}; input 0 of shape {first.Shape} has rank {rank}.");
            for (int k = 0; k < rank; k++)
            {
                if (k == axis) { dims[k] = dims[k] + t.Shape[k]; continue; }
                if (dims[k] is { } a && t.Shape[k] is { } b && a != b)
                    throw new ShapeRuleException($"input {i} of shape {t.Shape} differs from input 0 of shape {first.Shape} in dimension {k} (concatenating along axis {Axis}).");
                dims[k] ??= t.Shape[k];
            }
        }
        return new(first.DType, new Shape(dims));
    }

    internal static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ShapeRuleException($"axis {axis} is out of range for rank {rank}.");
        return a;
    }

    /// <summary>(product of dims before axis, product of dims after axis).</summary>
    internal static (int Outer, int Inner) Split(ReadOnlySpan<int> dims, int axis)
    {
        int outer = 1, inner = 1;
        for (int k = 0; k < axis; k++) outer *= dims[k];
        for (int k = axis + 1; k < dims.Length; k++) inner *= dims[k];
        return (outer, inner);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType.SizeOf())
        {
            case 4: Join<int>(inputs, output); break;
            case 8: Join<long>(inputs, output); break;
            default: Join<byte>(inputs, output); break;
        }
    }

    private void Join<T>(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output) where T : unmanaged
    {
        int axis = NormalizeAxis(Axis, output.Rank);
        var (outer, inner) = Split(output.Dims, axis);
        var dst = StridedCopy.Raw<T>(output);
        int rowLength = output.Dims[axis] * inner, offset = 0;
        foreach (var input in inputs)
        {
            var src = StridedCopy.Raw<T>(input);
            int chunk = input.Dims[axis] * inner;
            for (int o = 0; o < outer; o++) src.Slice(o * chunk, chunk).CopyTo(dst.Slice(o * rowLength + offset, chunk));
            offset += chunk;
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        node.Inputs.Select((_, i) => (Node?)G.Apply(new ConcatSliceOp(Axis, i), [outputGradient, .. node.Inputs])).ToArray();

    /// <inheritdoc/>
    public override string AttributeText => $"axis={Axis}";
}
