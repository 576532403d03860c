using System.Numerics;
using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>
/// Base of reductions over a set of axes: <see cref="Axes"/> <c>null</c> reduces every axis; negative axes count
/// from the end; repeated or out-of-range axes are rejected when the node is built. With <see cref="KeepDims"/> the
/// reduced axes stay as size 1 (so the result broadcasts against the input), otherwise they are removed.
/// </summary>
public abstract record ReductionOp(ValueArray<int>? Axes, bool KeepDims) : KernelOp
{
    /// <summary>True for dtypes the reduction accepts (numbers unless overridden).</summary>
    protected virtual bool Accepts(DType dtype) => dtype != DType.Bool;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        if (!Accepts(inputs[0].DType)) throw new ShapeRuleException($"input 0 is {inputs[0]}, which {Type} does not reduce.");
        return new(inputs[0].DType, ReductionAxes.ReducedShape(Axes, inputs[0].Shape, KeepDims));
    }

    /// <summary>The output gradient broadcast back to the input's shape.</summary>
    protected Node Expand(Node g, Node like) => G.ExpandToShape(g, like, Axes?.ToArray(), KeepDims);

    /// <inheritdoc/>
    public override string AttributeText =>
        $"axes={(Axes is { } a ? a.ToString() : "all")}{(KeepDims ? ", keepdims" : "")}";
}

/// <summary>A reduction of numbers: one generic kernel for float32, float64, int32 and int64.</summary>
public abstract record NumericReductionOp(ValueArray<int>? Axes, bool KeepDims) : ReductionOp(Axes, KeepDims)
{
    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType)
        {
            case DType.Float32: Run<float>(inputs[0], output); break;
            case DType.Float64: Run<double>(inputs[0], output); break;
            case DType.Int32: Run<int>(inputs[0], output); break;
            default: Run<long>(inputs[0], output); break;
        }
    }

    /// <summary>The numeric kernel: y = reduce(x).</summary>
    protected abstract void Run<T>(TensorBuffer x, TensorBuffer y) where T : unmanaged, INumber<T>;
}
