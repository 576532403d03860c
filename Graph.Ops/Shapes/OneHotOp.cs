using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.one_hot(indices, depth, on, off, axis)</c>: a new axis of size <paramref name="Depth"/> at
/// <paramref name="Axis"/> (−1 = last; the result has rank r + 1, so the axis may be in [−1, r]) holding
/// <paramref name="On"/> where its position equals the index and <paramref name="Off"/> elsewhere. An index
/// outside [0, depth) gives a row of all <paramref name="Off"/> (TF). Indices are int32/int64; the result has
/// <paramref name="DType"/>. Not differentiable (integer input).
/// </summary>
public sealed record OneHotOp(int Depth, double On, double Off, int Axis, DType DType) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input (indices), got {inputs.Length}.");
        var indices = inputs[0];
        if (!indices.DType.IsInteger()) throw new ShapeRuleException($"input 0 (indices) must be int32 or int64, got {indices}.");
        if (Depth < 0) throw new ShapeRuleException($"depth must be >= 0, got {Depth}.");
        int rank = indices.Shape.Rank, axis = AxisFor(rank);
        var dims = indices.Shape.Dims.ToList();
        dims.Insert(axis, Depth);
        return new(DType, new Shape([.. dims]));
    }

    private int AxisFor(int rank)
    {
        if (Axis < -1 || Axis > rank) throw new ShapeRuleException($"axis {Axis} is out of range [-1, {rank}] for indices of rank {rank}.");
        return Axis == -1 ? rank : Axis;
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (DType)
        {
            case DType.Float32: Run(inputs[0], output.Span<float>(), (float)On, (float)Off); break;
            case DType.Float64: Run(inputs[0], output.Span<double>(), On, Off); break;
            case DType.Int32: Run(inputs[0], output.Span<int>(), (int)On, (int)Off); break;
            case DType.Int64: Run(inputs[0], output.Span<long>(), (long)On, (long)Off); break;
            default: Run(inputs[0], output.Span<bool>(), On != 0, Off != 0); break;
        }
    }

    private void Run<T>(TensorBuffer indices, Span<T> dst, T on, T off)
    {
        dst.Fill(off);
        int axis = AxisFor(indices.Rank);
        int outer = 1, inner = 1;
        for (int k = 0; k < indices.Rank; k++)
            if (k < axis) outer *= indices.Dims[k];
            else inner *= indices.Dims[k];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int j = o * inner + i;
                long v = indices.DType == DType.Int32 ? indices.Span<int>()[j] : indices.Span<long>()[j];
                if (v >= 0 && v < Depth) dst[(o * Depth + (int)v) * inner + i] = on;
            }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];

    /// <inheritdoc/>
    public override string AttributeText => FormattableString.Invariant($"depth={Depth}, on={On}, off={Off}, axis={Axis}, dtype={DType.Name()}");
}
