using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>
/// The number of elements a reduction over <see cref="Axes"/> combines into each result (the product of the
/// reduced dimensions), as a scalar of the input's dtype, read from the input's runtime shape. The mean's gradient
/// divides by it when the dimensions are not known statically (the batch).
/// </summary>
public sealed record ReducedCountOp(ValueArray<int>? Axes = null) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        if (inputs[0].DType == DType.Bool) throw new ShapeRuleException($"input 0 is {inputs[0]}; ReducedCount needs numbers.");
        ReductionAxes.ReducedShape(Axes, inputs[0].Shape, keepDims: false);
        return new(inputs[0].DType, Shape.Scalar);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var x = inputs[0];
        Span<bool> reduced = stackalloc bool[x.Rank];
        ReductionAxes.Mark(Axes, x.Rank, reduced);
        long count = 1;
        for (int i = 0; i < x.Rank; i++)
            if (reduced[i]) count *= x.Dims[i];
        switch (output.DType)
        {
            case DType.Float32: output.Span<float>()[0] = count; break;
            case DType.Float64: output.Span<double>()[0] = count; break;
            case DType.Int32: output.Span<int>()[0] = (int)count; break;
            default: output.Span<long>()[0] = count; break;
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];

    /// <inheritdoc/>
    public override string AttributeText => $"axes={(Axes is { } a ? a.ToString() : "all")}";
}
