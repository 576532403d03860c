using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// The block of a concatenation that came from one of its inputs: inputs are (g, x₀, …, xₙ₋₁) where g has the
/// shape of <c>concat(xs, axis)</c>; the result is the part of g in the place of x_<paramref name="Index"/>
/// (the xs' values are not read, only their shapes). The gradient of <see cref="ConcatOp"/>; its own gradient
/// puts the incoming gradient back in place between zeros.
/// </summary>
public sealed record ConcatSliceOp(int Axis, int Index) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length < 2) throw new ShapeRuleException($"expects the concatenation and its parts, got {inputs.Length} inputs.");
        if (Index < 0 || Index >= inputs.Length - 1)
            throw new ShapeRuleException($"part {Index} does not exist among {inputs.Length - 1} parts.");
        var joined = new ConcatOp(Axis).InferType(inputs[1..]);
        var g = inputs[0];
        if (g.Shape.Rank != joined.Shape.Rank || !Compatible(g.Shape, joined.Shape))
            throw new ShapeRuleException($"input 0 of shape {g.Shape} is not the shape {joined.Shape} of the concatenated parts.");
        return new(g.DType, inputs[1 + Index].Shape);
    }

    private static bool Compatible(Shape a, Shape b)
    {
        for (int i = 0; i < a.Rank; i++)
            if (a[i] is { } x && b[i] is { } y && x != y) return false;
        return true;
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        switch (output.DType.SizeOf())
        {
            case 4: Take<int>(inputs, output); break;
            case 8: Take<long>(inputs, output); break;
            default: Take<byte>(inputs, output); break;
        }
    }

    private void Take<T>(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output) where T : unmanaged
    {
        var g = inputs[0];
        int axis = ConcatOp.NormalizeAxis(Axis, g.Rank);
        var (outer, inner) = ConcatOp.Split(g.Dims, axis);
        int offset = 0;
        for (int j = 0; j < Index; j++) offset += inputs[1 + j].Dims[axis] * inner;
        int rowLength = g.Dims[axis] * inner, chunk = output.Dims[axis] * inner;
        var src = StridedCopy.Raw<T>(g);
        var dst = StridedCopy.Raw<T>(output);
        for (int o = 0; o < outer; o++) src.Slice(o * rowLength + offset, chunk).CopyTo(dst.Slice(o * chunk, chunk));
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var parts = node.Inputs.Skip(1).Select((x, j) => j == Index ? outputGradient : G.ZerosLike(G.Cast(x, outputGradient.DType))).ToArray();
        return [G.Concat(parts, Axis), .. Enumerable.Repeat<Node?>(null, parts.Length)];
    }

    /// <inheritdoc/>
    public override string AttributeText => $"axis={Axis}, index={Index}";
}
