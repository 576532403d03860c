using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>
/// Base of argmax/argmin along one axis: numeric input, int64 result without that axis. Ties give the first index
/// and a NaN wins (numpy). An empty axis is an error, as in TF. Not differentiable.
/// </summary>
public abstract record ArgExtremumOp(int Axis) : KernelOp
{
    /// <summary>True for argmax, false for argmin.</summary>
    private protected abstract bool Largest { get; }

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var x = inputs[0];
        if (x.DType == DType.Bool) throw new ShapeRuleException($"input 0 is {x}; {Type} needs numbers.");
        int rank = x.Shape.Rank;
        int axis = Axis < 0 ? Axis + rank : Axis;
        if (axis < 0 || axis >= rank) throw new ShapeRuleException($"axis {Axis} is out of range for input 0 of rank {rank}.");
        if (x.Shape[axis] == 0) throw new ShapeRuleException($"axis {Axis} of input 0 is empty; {Type} needs at least one element.");
        var dims = x.Shape.Dims.ToList();
        dims.RemoveAt(axis);
        return new(DType.Int64, new Shape(dims.ToArray()));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (inputs[0].DType)
        {
            case DType.Float32: Run<float>(inputs[0], output); break;
            case DType.Float64: Run<double>(inputs[0], output); break;
            case DType.Int32: Run<int>(inputs[0], output); break;
            default: Run<long>(inputs[0], output); break;
        }
    }

    private void Run<T>(TensorBuffer input, TensorBuffer output) where T : INumber<T>
    {
        ReadOnlySpan<T> x = input.Span<T>();
        var y = output.Span<long>();
        var (outer, n, inner) = ReductionAxes.Split(input.Dims, Axis < 0 ? Axis + input.Rank : Axis);
        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * n * inner, n * inner);
            if (inner == 1)
            {
                y[o] = Largest ? TensorPrimitives.IndexOfMax(block) : TensorPrimitives.IndexOfMin(block);
                continue;
            }
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = block[i];
                for (int k = 1; k < n && !T.IsNaN(bestValue); k++)
                {
                    T v = block[k * inner + i];
                    if (T.IsNaN(v) || (Largest ? v > bestValue : v < bestValue)) { best = k; bestValue = v; }
                }
                y[o * inner + i] = best;
            }
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null];

    /// <inheritdoc/>
    public override string AttributeText => $"axis={Axis}";
}

/// <summary>Index of the largest element along <see cref="ArgExtremumOp.Axis"/>, as int64.</summary>
public sealed record ArgMaxOp(int Axis = -1) : ArgExtremumOp(Axis)
{
    private protected override bool Largest => true;
}

/// <summary>Index of the smallest element along <see cref="ArgExtremumOp.Axis"/>, as int64.</summary>
public sealed record ArgMinOp(int Axis = -1) : ArgExtremumOp(Axis)
{
    private protected override bool Largest => false;
}
