using System.Numerics;
using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>Base of broadcasting comparisons: numeric inputs of one dtype, a bool result. Not differentiable.</summary>
public abstract record ComparisonOp : KernelOp
{
    /// <summary>The predicate on one pair of elements.</summary>
    protected abstract bool Compare<T>(T a, T b) where T : INumber<T>;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs, got {inputs.Length}.");
        if (inputs[0].DType != inputs[1].DType)
            throw new ShapeRuleException($"input 0 is {inputs[0].DType.Name()} but input 1 is {inputs[1].DType.Name()}.");
        if (inputs[0].DType == DType.Bool) throw new ShapeRuleException("inputs are bool; comparisons need numbers.");
        return new(DType.Bool, Broadcasting.ResultShape(inputs[0], inputs[1]));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (inputs[0].DType)
        {
            case DType.Float32: Run<float>(inputs[0], inputs[1], output); break;
            case DType.Float64: Run<double>(inputs[0], inputs[1], output); break;
            case DType.Int32: Run<int>(inputs[0], inputs[1], output); break;
            default: Run<long>(inputs[0], inputs[1], output); break;
        }
    }

    private void Run<T>(TensorBuffer a, TensorBuffer b, TensorBuffer d) where T : INumber<T>
    {
        ReadOnlySpan<T> sa = a.Span<T>(), sb = b.Span<T>();
        var sd = d.Span<bool>();
        int rank = d.Rank;
        Span<int> strideA = stackalloc int[rank], strideB = stackalloc int[rank], index = stackalloc int[rank];
        Broadcasting.AlignedStrides(a.Dims, d.Dims, strideA);
        Broadcasting.AlignedStrides(b.Dims, d.Dims, strideB);
        var odometer = new BroadcastOdometer(d.Dims, strideA, strideB, index);
        for (int i = 0; i < sd.Length; i++)
        {
            sd[i] = Compare(sa[odometer.OffsetA], sb[odometer.OffsetB]);
            odometer.Advance(rank - 1);
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null, null];
}

/// <summary><c>a ≥ b</c>.</summary>
public sealed record GreaterEqualOp : ComparisonOp
{
    protected override bool Compare<T>(T a, T b) => a >= b;
}

/// <summary><c>a &gt; b</c>.</summary>
public sealed record GreaterOp : ComparisonOp
{
    protected override bool Compare<T>(T a, T b) => a > b;
}
