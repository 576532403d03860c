using System.Numerics;
using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// The gradient of <see cref="PadOp"/> (its transpose): from g of the padded shape to the unpadded shape
/// (each dim minus its paddings). CONSTANT takes the interior; REFLECT/SYMMETRIC also add every padded position's
/// value onto the element it mirrors. Numeric dtypes. Its gradient is Pad with constant 0.
/// </summary>
public sealed record PadGradOp(ValueArray<int> Paddings, PadMode Mode) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var g = inputs[0];
        if (g.DType == DType.Bool) throw new ShapeRuleException($"input 0 must be numeric, got {g}.");
        if (Paddings.Count != 2 * g.Shape.Rank)
            throw new ShapeRuleException($"paddings must be [{g.Shape.Rank}, 2] for input 0 of shape {g.Shape}.");
        var dims = g.Shape.Dims.Select((d, k) => d - Paddings[2 * k] - Paddings[2 * k + 1]).ToArray();
        if (dims.Any(d => d < 0)) throw new ShapeRuleException($"input 0 of shape {g.Shape} is smaller than its paddings {Paddings}.");
        var unpadded = new Shape(dims);
        PadOp.Check(Paddings, Mode, unpadded, "the unpadded value");
        return new(g.DType, unpadded);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var g = inputs[0];
        if (Mode == PadMode.Constant)
        {
            int rank = g.Rank, offset = 0;
            Span<int> strides = stackalloc int[rank];
            StridedCopy.RowMajor(g.Dims, strides);
            for (int k = 0; k < rank; k++) offset += Paddings[2 * k] * strides[k];
            StridedCopy.Gather(g, offset, output.Dims, strides, output);
            return;
        }
        switch (g.DType)
        {
            case DType.Float32: Accumulate<float>(g, output); break;
            case DType.Float64: Accumulate<double>(g, output); break;
            case DType.Int32: Accumulate<int>(g, output); break;
            default: Accumulate<long>(g, output); break;
        }
    }

    private void Accumulate<T>(TensorBuffer g, TensorBuffer output) where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> src = g.Span<T>();
        var dst = output.Span<T>();
        dst.Clear();
        int rank = g.Rank;
        Span<int> index = stackalloc int[rank], dstStrides = stackalloc int[rank];
        StridedCopy.RowMajor(output.Dims, dstStrides);
        index.Clear();
        for (int flat = 0; flat < src.Length; flat++)
        {
            int off = 0;
            for (int k = 0; k < rank; k++) off += PadOp.Mirror(index[k] - Paddings[2 * k], output.Dims[k], Mode) * dstStrides[k];
            dst[off] += src[flat];
            for (int k = rank - 1; k >= 0 && ++index[k] == g.Dims[k]; k--) index[k] = 0;
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Apply(new PadOp(Paddings, Mode, 0), outputGradient)];

    /// <inheritdoc/>
    public override string AttributeText => $"paddings={Paddings}, mode={Mode.ToString().ToUpperInvariant()}";
}
