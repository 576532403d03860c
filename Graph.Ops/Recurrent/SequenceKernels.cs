using System.Numerics;
using System.Runtime.InteropServices;
using Graph.Core;
using Graph.Ops.Kernels;

namespace Graph.Ops.Recurrent;

/// <summary>
/// What the fused LSTM and GRU kernels share: the shape rule of their inputs, the time index of a processing step,
/// and the recurrent products <c>C += H·W</c> / <c>C = D·Wᵀ</c> over the rows of one timestep (strided views into
/// <c>(batch, time, width)</c> buffers), one GEMM per step or one per gate block when recurrent dropout masks
/// scale the state differently per gate.
/// </summary>
internal static class SequenceKernels
{
    /// <summary>The time index processed at step <paramref name="s"/>.</summary>
    public static int Time(int s, int steps, bool goBackwards) => goBackwards ? steps - 1 - s : s;

    /// <summary>
    /// Checks <c>projected (batch, time, k·units)</c> (input 0), the states <c>(batch, units)</c> (inputs 1..states),
    /// the recurrent kernel <c>(units, k·units)</c>, the bool mask <c>(batch, time)</c> and the recurrent masks
    /// <c>(k, batch, units)</c> (index −1 when absent); returns batch, time and units (batch and time may be unknown).
    /// </summary>
    /// <exception cref="ShapeRuleException">a rank, dtype or dimension that does not fit, naming the input.</exception>
    public static (int? Batch, int? Steps, int Units) Check(ReadOnlySpan<TensorType> inputs, int gates, int states,
        int kernelInput, int maskInput, int recurrentMaskInput)
    {
        var projected = inputs[0];
        if (!projected.DType.IsFloating() || projected.Shape.Rank != 3)
            throw new ShapeRuleException($"input 0 (projected inputs) must be a float (batch, time, {gates}·units) tensor; got {projected}.");
        var kernel = inputs[kernelInput];
        if (kernel.Shape.Rank != 2 || kernel.Shape[0] is not { } units || kernel.Shape[1] is not { } width || width != gates * units)
            throw new ShapeRuleException($"input {kernelInput} (recurrent kernel) must be (units, {gates}·units) with known sizes; got {kernel}.");
        int? batch = projected.Shape[0], steps = projected.Shape[1];
        for (int i = 0; i < inputs.Length; i++)
            if (i != 0 && inputs[i].DType != DType.Bool && inputs[i].DType != projected.DType)
                throw new ShapeRuleException($"input {i} is {inputs[i]}; expected {projected.DType.Name()} like the projected inputs.");
        if (projected.Shape[2] is { } p && p != gates * units)
            throw new ShapeRuleException($"input 0 (projected inputs) {projected} must have {gates}·{units} = {gates * units} columns.");
        for (int i = 1; i <= states; i++)
            Expect(inputs[i], i, "initial state", batch, units);
        if (maskInput >= 0)
        {
            var mask = inputs[maskInput];
            if (mask.DType != DType.Bool || mask.Shape.Rank != 2 || !Fits(mask.Shape[0], batch) || !Fits(mask.Shape[1], steps))
                throw new ShapeRuleException($"input {maskInput} (mask) must be bool (batch, time) = ({batch?.ToString() ?? "?"}, {steps?.ToString() ?? "?"}); got {mask}.");
        }
        if (recurrentMaskInput >= 0)
        {
            var m = inputs[recurrentMaskInput];
            if (m.Shape.Rank != 3 || !Fits(m.Shape[0], gates) || !Fits(m.Shape[1], batch) || !Fits(m.Shape[2], units))
                throw new ShapeRuleException($"input {recurrentMaskInput} (recurrent dropout masks) must be ({gates}, batch, {units}); got {m}.");
        }
        return (batch, steps, units);
    }

    /// <summary>Checks a <c>(batch, units)</c> input.</summary>
    public static void Expect(TensorType type, int index, string what, int? batch, int units)
    {
        if (type.Shape.Rank != 2 || !Fits(type.Shape[0], batch) || !Fits(type.Shape[1], units))
            throw new ShapeRuleException($"input {index} ({what}) must be (batch, {units}) with batch {batch?.ToString() ?? "?"}; got {type}.");
    }

    private static bool Fits(int? actual, int? expected) => actual is null || expected is null || actual == expected;

    /// <summary>
    /// <c>C[b, :] (+)= Σ_k (H[b, :]·m_k[b, :])·W[:, block k]</c> over the <paramref name="batch"/> rows of one step:
    /// H rows at stride <paramref name="ldh"/>, C rows at stride <paramref name="ldc"/>, W <c>(units, k·units)</c>.
    /// Without masks one GEMM; with them one per block, the masked state built in <paramref name="scratch"/>
    /// (<c>batch·units</c>).
    /// </summary>
    public static void RecurrentProduct<T>(int batch, int units, int gates, ReadOnlySpan<T> h, int ldh, ReadOnlySpan<T> w,
        Span<T> c, int ldc, bool accumulate, ReadOnlySpan<T> masks, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = gates * units;
        if (masks.IsEmpty)
        {
            MatMul(false, false, batch, width, units, h, ldh, w, width, c, ldc, accumulate);
            return;
        }
        for (int k = 0; k < gates; k++)
        {
            for (int b = 0; b < batch; b++)
                System.Numerics.Tensors.TensorPrimitives.Multiply(h.Slice(b * ldh, units), masks.Slice((k * batch + b) * units, units), scratch.Slice(b * units, units));
            MatMul(false, false, batch, units, units, scratch, units, w[(k * units)..], width, c[(k * units)..], ldc, accumulate);
        }
    }

    /// <summary>
    /// <c>dH[b, :] = Σ_k (D[b, block k]·W[:, block k]ᵀ)·m_k[b, :]</c>: the gradient reaching the state of one step
    /// (D rows at stride <paramref name="ldd"/>); with masks the per-block products go through <paramref name="scratch"/>.
    /// </summary>
    public static void RecurrentBackProduct<T>(int batch, int units, int gates, ReadOnlySpan<T> d, int ldd, ReadOnlySpan<T> w,
        Span<T> dh, ReadOnlySpan<T> masks, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = gates * units;
        if (masks.IsEmpty)
        {
            MatMul(false, true, batch, units, width, d, ldd, w, width, dh, units, false);
            return;
        }
        dh[..(batch * units)].Clear();
        for (int k = 0; k < gates; k++)
        {
            MatMul(false, true, batch, units, units, d[(k * units)..], ldd, w[(k * units)..], width, scratch, units, false);
            for (int b = 0; b < batch; b++)
            {
                var row = dh.Slice(b * units, units);
                System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd<T>(scratch.Slice(b * units, units), masks.Slice((k * batch + b) * units, units), row, row);
            }
        }
    }

    /// <summary>
    /// <c>dW[:, block k] = Σ_rows (H·m_k)ᵀ·D[:, block k]</c> over all <c>batch·time</c> rows at once (one GEMM per
    /// call, per block with masks; the masked copy of H goes to <paramref name="scratch"/>, <c>batch·time·units</c>).
    /// </summary>
    public static void KernelGradient<T>(int batch, int steps, int units, int gates, ReadOnlySpan<T> h, ReadOnlySpan<T> d,
        Span<T> dw, ReadOnlySpan<T> masks, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = gates * units, rows = batch * steps;
        if (masks.IsEmpty)
        {
            MatMul(true, false, units, width, rows, h, units, d, width, dw, width, false);
            return;
        }
        for (int k = 0; k < gates; k++)
        {
            for (int b = 0; b < batch; b++)
            {
                var m = masks.Slice((k * batch + b) * units, units);
                for (int t = 0; t < steps; t++)
                {
                    int o = (b * steps + t) * units;
                    System.Numerics.Tensors.TensorPrimitives.Multiply(h.Slice(o, units), m, scratch.Slice(o, units));
                }
            }
            MatMul(true, false, units, units, rows, scratch, units, d[(k * units)..], width, dw[(k * units)..], width, false);
        }
    }

    /// <summary><c>C (+)= op(A)·op(B)</c> through <see cref="Gemm"/>, for float32 or float64.</summary>
    public static void MatMul<T>(bool transposeA, bool transposeB, int m, int n, int k, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            Gemm.Multiply(transposeA, transposeB, m, n, k, MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(b), ldb,
                MemoryMarshal.Cast<T, float>(c), ldc, accumulate ? 1f : 0f);
        else
            Gemm.Multiply(transposeA, transposeB, m, n, k, MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(b), ldb,
                MemoryMarshal.Cast<T, double>(c), ldc, accumulate ? 1d : 0d);
    }
}
