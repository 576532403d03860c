using System.Numerics;
using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// The gradient of <see cref="GatherOp"/> (an unsorted segment sum along an axis): inputs (updates, indices, x);
/// the result has x's shape (x's values are not read) and is <c>Σ updates[o, j…, i]</c> over the j with
/// <c>indices[j…] = k</c> at <c>[o, k, i]</c>, zero where no index points; repeated indices accumulate.
/// Numeric dtypes. Linear in the updates, so its gradient is the gather of the incoming gradient.
/// </summary>
public sealed record ScatterAddOp(int Axis = 0) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 3) throw new ShapeRuleException($"expects 3 inputs (updates, indices, shape reference), got {inputs.Length}.");
        var (updates, indices, x) = (inputs[0], inputs[1], inputs[2]);
        if (!indices.DType.IsInteger()) throw new ShapeRuleException($"input 1 (indices) must be int32 or int64, got {indices}.");
        if (updates.DType == DType.Bool) throw new ShapeRuleException($"input 0 (updates) must be numeric, got {updates}.");
        if (x.Shape.Rank == 0) throw new ShapeRuleException($"input 2 must have rank >= 1, got shape {x.Shape}.");
        var gathered = GatherOp.ResultShape(x.Shape, indices.Shape, GatherOp.Normalize(Axis, x.Shape));
        bool fits = updates.Shape.Rank == gathered.Rank;
        for (int i = 0; fits && i < gathered.Rank; i++) fits = updates.Shape[i] is not { } a || gathered[i] is not { } b || a == b;
        if (!fits)
            throw new ShapeRuleException($"input 0 of shape {updates.Shape} is not the gathered shape {gathered} of input 2 (shape {x.Shape}) at input 1's indices (shape {indices.Shape}).");
        return new(updates.DType, x.Shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType)
        {
            case DType.Float32: Run<float>(inputs[0], inputs[1], output); break;
            case DType.Float64: Run<double>(inputs[0], inputs[1], output); break;
            case DType.Int32: Run<int>(inputs[0], inputs[1], output); break;
            default: Run<long>(inputs[0], inputs[1], output); break;
        }
    }

    private void Run<T>(TensorBuffer updates, TensorBuffer indices, TensorBuffer output) where T : unmanaged, INumber<T>
    {
        int axis = Axis < 0 ? Axis + output.Rank : Axis;
        var (outer, inner) = ConcatOp.Split(output.Dims, axis);
        int n = output.Dims[axis], count = indices.Length;
        ReadOnlySpan<T> src = updates.Span<T>();
        var dst = output.Span<T>();
        dst.Clear();
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
            {
                int index = GatherOp.ReadIndex(indices, j, n);
                var row = dst.Slice((o * n + index) * inner, inner);
                System.Numerics.Tensors.TensorPrimitives.Add(row, src.Slice((o * count + j) * inner, inner), row);
            }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Gather(outputGradient, node.Inputs[1], Axis), null, null];

    /// <inheritdoc/>
    public override string AttributeText => $"axis={Axis}";
}
