using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.pad(x, paddings, mode, constant_values)</c>: axis k grows by <c>paddings[k, 0]</c> before and
/// <c>paddings[k, 1]</c> after (stored flat as <paramref name="Paddings"/>, 2 per axis, all ≥ 0). CONSTANT fills
/// with <paramref name="Constant"/>; REFLECT and SYMMETRIC mirror x (see <see cref="PadMode"/>). Any dtype.
/// Linear in x (the constant aside), so ∂/∂x = <see cref="PadGradOp"/>(g): the interior for CONSTANT, and for the
/// mirror modes every padded position's gradient added onto the element it copies.
/// </summary>
public sealed record PadOp(ValueArray<int> Paddings, PadMode Mode = PadMode.Constant, double Constant = 0) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var x = inputs[0].Shape;
        Check(Paddings, Mode, x, "input 0");
        return new(inputs[0].DType, new Shape(x.Dims.Select((d, k) => d + Paddings[2 * k] + Paddings[2 * k + 1]).ToArray()));
    }

    /// <summary>Validates paddings against the unpadded shape (its known dims).</summary>
    internal static void Check(ValueArray<int> paddings, PadMode mode, Shape x, string what)
    {
        if (paddings.Count != 2 * x.Rank)
            throw new ShapeRuleException($"paddings must be [{x.Rank}, 2] for {what} of shape {x}, got {paddings.Count / 2} rows.");
        if (paddings.Any(p => p < 0)) throw new ShapeRuleException($"paddings {paddings} must be >= 0.");
        if (mode == PadMode.Constant) return;
        int slack = mode == PadMode.Reflect ? 1 : 0;
        for (int k = 0; k < x.Rank; k++)
            if (x[k] is { } d && Math.Max(paddings[2 * k], paddings[2 * k + 1]) > d - slack)
                throw new ShapeRuleException($"{mode.ToString().ToUpperInvariant()} paddings ({paddings[2 * k]}, {paddings[2 * k + 1]}) of dimension {k} must be {(slack == 1 ? "<" : "<=")} its size {d} in {what} of shape {x}.");
    }

    /// <summary>The source index along an axis of size <paramref name="n"/> for padded index <paramref name="i"/> (already shifted by the before-padding).</summary>
    internal static int Mirror(int i, int n, PadMode mode) =>
        i < 0 ? (mode == PadMode.Reflect ? -i : -i - 1)
        : i >= n ? (mode == PadMode.Reflect ? 2 * n - 2 - i : 2 * n - 1 - i)
        : i;

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var x = inputs[0];
        if (Mode == PadMode.Constant)
        {
            Fill(output);
            int rank = x.Rank, offset = 0;
            Span<int> outStrides = stackalloc int[rank];
            StridedCopy.RowMajor(output.Dims, outStrides);
            for (int k = 0; k < rank; k++) offset += Paddings[2 * k] * outStrides[k];
            StridedCopy.Scatter(x, output, offset, x.Dims, outStrides);
            return;
        }
        switch (x.DType.SizeOf())
        {
            case 4: MirrorCopy(StridedCopy.Raw<int>(x), x.Dims, StridedCopy.Raw<int>(output), output.Dims); break;
            case 8: MirrorCopy(StridedCopy.Raw<long>(x), x.Dims, StridedCopy.Raw<long>(output), output.Dims); break;
            default: MirrorCopy(StridedCopy.Raw<byte>(x), x.Dims, StridedCopy.Raw<byte>(output), output.Dims); break;
        }
    }

    private void Fill(TensorBuffer output)
    {
        switch (output.DType)
        {
            case DType.Float32: output.Span<float>().Fill((float)Constant); break;
            case DType.Float64: output.Span<double>().Fill(Constant); break;
            case DType.Int32: output.Span<int>().Fill((int)Constant); break;
            case DType.Int64: output.Span<long>().Fill((long)Constant); break;
            default: output.Span<bool>().Fill(Constant != 0); break;
        }
    }

    private void MirrorCopy<T>(Span<T> src, ReadOnlySpan<int> srcDims, Span<T> dst, ReadOnlySpan<int> dstDims) where T : unmanaged
    {
        int rank = srcDims.Length;
        Span<int> index = stackalloc int[rank], srcStrides = stackalloc int[rank];
        StridedCopy.RowMajor(srcDims, srcStrides);
        index.Clear();
        for (int flat = 0; flat < dst.Length; flat++)
        {
            int off = 0;
            for (int k = 0; k < rank; k++) off += Mirror(index[k] - Paddings[2 * k], srcDims[k], Mode) * srcStrides[k];
            dst[flat] = src[off];
            for (int k = rank - 1; k >= 0 && ++index[k] == dstDims[k]; k--) index[k] = 0;
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.Apply(new PadGradOp(Paddings, Mode), outputGradient)];

    /// <inheritdoc/>
    public override string AttributeText => FormattableString.Invariant($"paddings={Paddings}, mode={Mode.ToString().ToUpperInvariant()}{(Mode == PadMode.Constant ? $", constant={Constant}" : "")}");
}
