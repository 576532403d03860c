using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// <c>where(cond, a, b)</c>: a where cond holds, else b, with numpy broadcasting of all three (TF2's
/// <c>tf.where</c>; TF1's needed equal shapes). cond is bool; a and b share any dtype.
/// ∂/∂a = g where cond, ∂/∂b = g elsewhere, each summed back to its input's shape.
/// </summary>
public sealed record WhereOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 3) throw new ShapeRuleException($"expects 3 inputs (cond, a, b), got {inputs.Length}.");
        if (inputs[0].DType != DType.Bool) throw new ShapeRuleException($"input 0 (cond) is {inputs[0]}; it must be bool.");
        if (inputs[1].DType != inputs[2].DType)
            throw new ShapeRuleException($"input 1 is {inputs[1].DType.Name()} but input 2 is {inputs[2].DType.Name()}; cast one first.");
        var shape = Shape.TryBroadcast(inputs[1].Shape, inputs[2].Shape) is { } ab ? Shape.TryBroadcast(inputs[0].Shape, ab) : null;
        return shape is null
            ? throw new ShapeRuleException($"input 0 of shape {inputs[0].Shape}, input 1 of shape {inputs[1].Shape} and input 2 of shape {inputs[2].Shape} cannot be broadcast together.")
            : new(inputs[1].DType, shape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType)
        {
            case DType.Float32: Run<float>(inputs, output); break;
            case DType.Float64: Run<double>(inputs, output); break;
            case DType.Int32: Run<int>(inputs, output); break;
            case DType.Int64: Run<long>(inputs, output); break;
            default: Run<bool>(inputs, output); break;
        }
    }

    private static void Run<T>(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output)
    {
        ReadOnlySpan<bool> c = inputs[0].Span<bool>();
        ReadOnlySpan<T> a = inputs[1].Span<T>(), b = inputs[2].Span<T>();
        var d = output.Span<T>();
        if (c.Length == d.Length && a.Length == d.Length && b.Length == d.Length)
        {
            for (int i = 0; i < d.Length; i++) d[i] = c[i] ? a[i] : b[i];
            return;
        }
        int rank = output.Rank;
        Span<int> sc = stackalloc int[rank], sa = stackalloc int[rank], sb = stackalloc int[rank], index = stackalloc int[rank];
        Broadcasting.AlignedStrides(inputs[0].Dims, output.Dims, sc);
        Broadcasting.AlignedStrides(inputs[1].Dims, output.Dims, sa);
        Broadcasting.AlignedStrides(inputs[2].Dims, output.Dims, sb);
        index.Clear();
        int oc = 0, oa = 0, ob = 0;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = c[oc] ? a[oa] : b[ob];
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                oc += sc[axis];
                oa += sa[axis];
                ob += sb[axis];
                if (++index[axis] < output.Dims[axis]) break;
                oc -= sc[axis] * output.Dims[axis];
                oa -= sa[axis] * output.Dims[axis];
                ob -= sb[axis] * output.Dims[axis];
                index[axis] = 0;
            }
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (cond, a, b) = (node.Inputs[0], node.Inputs[1], node.Inputs[2]);
        var zero = G.ScalarLike(outputGradient, 0);
        return [null, G.SumToShape(G.Where(cond, outputGradient, zero), a), G.SumToShape(G.Where(cond, zero, outputGradient), b)];
    }
}
