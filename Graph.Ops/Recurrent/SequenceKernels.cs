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
    /// A masked step's output (Keras 2.2.4): the row's previous output in <paramref name="sequence"/> (processing
    /// order, so <c>units</c> before <paramref name="at"/>), zeros at the first step.
    /// </summary>
    public static void RepeatPreviousOutput<T>(Span<T> sequence, int at, int units, int s)
    {
        var output = sequence.Slice(at, units);
        if (s == 0) output.Clear();
        else sequence.Slice(at - units, units).CopyTo(output);
    }

    /// <summary>
    /// Checks the inputs of a fused op (see <see cref="FusedInputs"/>) with <paramref name="gates"/> gate blocks and a
    /// bias of shape <paramref name="biasShape"/>; returns batch, time, features and units (batch and time may be unknown).
    /// </summary>
    /// <exception cref="ShapeRuleException">a count, rank, dtype or dimension that does not fit, naming the input.</exception>
    public static (int? Batch, int? Steps, int Features, int Units) Check(ReadOnlySpan<TensorType> inputs, FusedInputs layout, int gates,
        Func<int, int[]> biasShape)
    {
        if (inputs.Length != layout.Count) throw new ShapeRuleException($"expects {layout.Count} inputs ({layout}), got {inputs.Length}.");
        var x = inputs[FusedInputs.Sequence];
        if (!x.DType.IsFloating() || x.Shape.Rank != 3 || x.Shape[2] is not { } features)
            throw new ShapeRuleException($"input 0 (sequence) must be float (batch, time, features) with known features; got {x}.");
        var recurrent = inputs[layout.RecurrentKernel];
        if (recurrent.Shape.Rank != 2 || (recurrent.Shape[0] ?? recurrent.Shape[1] / gates) is not { } units
            || !Fits(recurrent.Shape[1], gates * units) || units <= 0)
            throw new ShapeRuleException($"input {layout.RecurrentKernel} (recurrent kernel) must be (units, {gates}·units) with a known size; got {recurrent}.");
        for (int i = 0; i < inputs.Length; i++)
            if (i != layout.Mask && inputs[i].DType != x.DType)
                throw new ShapeRuleException($"input {i} is {inputs[i]}; expected {x.DType.Name()} like the sequence.");
        var kernel = inputs[FusedInputs.Kernel];
        if (kernel.Shape.Rank != 2 || !Fits(kernel.Shape[0], features) || !Fits(kernel.Shape[1], gates * units))
            throw new ShapeRuleException($"input 1 (kernel) must be ({features}, {gates * units}); got {kernel}.");
        if (layout.HasBias && !inputs[layout.Bias].Shape.IsCompatibleWith(biasShape(units)))
            throw new ShapeRuleException($"input {layout.Bias} (bias) must be {Shape.Format(biasShape(units))}; got {inputs[layout.Bias]}.");
        int? batch = x.Shape[0], steps = x.Shape[1];
        for (int i = 0; i < layout.States; i++)
            Expect(inputs[layout.FirstState + i], layout.FirstState + i, "initial state", batch, units);
        if (layout.Masked)
        {
            var mask = inputs[layout.Mask];
            if (mask.DType != DType.Bool || mask.Shape.Rank != 2 || !Fits(mask.Shape[0], batch) || !Fits(mask.Shape[1], steps))
                throw new ShapeRuleException($"input {layout.Mask} (mask) must be bool (batch, time) = ({batch?.ToString() ?? "?"}, {steps?.ToString() ?? "?"}); got {mask}.");
        }
        if (layout.InputMasked)
        {
            var m = inputs[layout.InputMasks];
            if (m.Shape.Rank != 3 || m.Shape[0] is not (1 or null) && m.Shape[0] != gates || !Fits(m.Shape[1], batch) || !Fits(m.Shape[2], features))
                throw new ShapeRuleException($"input {layout.InputMasks} (input dropout masks) must be (1 or {gates}, batch, {features}); got {m}.");
        }
        if (layout.RecurrentMasked)
        {
            var m = inputs[layout.RecurrentMasks];
            if (m.Shape.Rank != 3 || !Fits(m.Shape[0], gates) || !Fits(m.Shape[1], batch) || !Fits(m.Shape[2], units))
                throw new ShapeRuleException($"input {layout.RecurrentMasks} (recurrent dropout masks) must be ({gates}, batch, {units}); got {m}.");
        }
        return (batch, steps, features, units);
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

    /// <summary>
    /// The input projection of every step: <c>P[:, block k] = (x·m_k)·W[:, block k] + b[block k]</c> over all
    /// <c>batch·time</c> rows as one GEMM with the bias in its epilogue (one per block with per-gate input masks
    /// <c>(n, batch, features)</c>, n = 1 or k, broadcast over time; the masked copy goes to <paramref name="scratch"/>).
    /// </summary>
    public static void Project<T>(int batch, int steps, int features, int units, int gates, ReadOnlySpan<T> x, ReadOnlySpan<T> w,
        ReadOnlySpan<T> bias, ReadOnlySpan<T> masks, Span<T> projected, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = gates * units, rows = batch * steps;
        if (masks.IsEmpty)
        {
            MatMul(false, false, rows, width, features, x, features, w, width, projected, width, false, bias);
            return;
        }
        int count = masks.Length / (batch * features);
        for (int k = 0; k < gates; k++)
        {
            if (k < count) Masked(batch, steps, features, x, masks.Slice(k * batch * features, batch * features), scratch);
            int columns = count == 1 ? width : units;
            MatMul(false, false, rows, columns, features, scratch, features, w[(k * units)..], width, projected[(k * units)..], width, false,
                bias.IsEmpty ? default : bias.Slice(k * units, columns));
            if (count == 1) return;
        }
    }

    /// <summary>
    /// The projection's gradients from <c>dP</c>: <c>dx = Σ_k (dP_k·W_kᵀ)·m_k</c>, <c>dW_k = (x·m_k)ᵀ·dP_k</c> (one GEMM
    /// each without masks), and the column sums <c>Σ_rows dP</c> into <paramref name="dBias"/> (skipped when empty).
    /// <paramref name="scratch"/> holds <c>batch·time·features</c> with masks.
    /// </summary>
    public static void ProjectBackward<T>(int batch, int steps, int features, int units, int gates, ReadOnlySpan<T> x, ReadOnlySpan<T> w,
        ReadOnlySpan<T> dProjected, ReadOnlySpan<T> masks, Span<T> dx, Span<T> dw, Span<T> dBias, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = gates * units, rows = batch * steps;
        if (!dBias.IsEmpty)
        {
            dBias.Clear();
            for (int r = 0; r < rows; r++) System.Numerics.Tensors.TensorPrimitives.Add(dBias, dProjected.Slice(r * width, width), dBias);
        }
        if (masks.IsEmpty)
        {
            MatMul(false, true, rows, features, width, dProjected, width, w, width, dx, features, false);
            MatMul(true, false, features, width, rows, x, features, dProjected, width, dw, width, false);
            return;
        }
        int count = masks.Length / (batch * features), blocks = count == 1 ? 1 : gates, columns = count == 1 ? width : units;
        dx[..(rows * features)].Clear();
        for (int k = 0; k < blocks; k++)
        {
            var m = masks.Slice(k * batch * features, batch * features);
            Masked(batch, steps, features, x, m, scratch);
            MatMul(true, false, features, columns, rows, scratch, features, dProjected[(k * units)..], width, dw[(k * units)..], width, false);
            MatMul(false, true, rows, features, columns, dProjected[(k * units)..], width, w[(k * units)..], width, scratch, features, false);
            for (int b = 0; b < batch; b++)
                for (int t = 0; t < steps; t++)
                {
                    int o = (b * steps + t) * features;
                    var row = dx.Slice(o, features);
                    System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd<T>(scratch.Slice(o, features), m.Slice(b * features, features), row, row);
                }
        }
    }

    /// <summary><c>target[b, t] = x[b, t]·m[b]</c>: a per-row mask broadcast over time.</summary>
    private static void Masked<T>(int batch, int steps, int features, ReadOnlySpan<T> x, ReadOnlySpan<T> m, Span<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
            {
                int o = (b * steps + t) * features;
                System.Numerics.Tensors.TensorPrimitives.Multiply(x.Slice(o, features), m.Slice(b * features, features), target.Slice(o, features));
            }
    }

    /// <summary><c>C (+)= op(A)·op(B)</c> through <see cref="Gemm"/>, for float32 or float64.</summary>
    public static void MatMul<T>(bool transposeA, bool transposeB, int m, int n, int k, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate, ReadOnlySpan<T> bias = default) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            Gemm.Multiply(transposeA, transposeB, m, n, k, MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(b), ldb,
                MemoryMarshal.Cast<T, float>(c), ldc, accumulate ? 1f : 0f, new GemmEpilogue<float>(MemoryMarshal.Cast<T, float>(bias)));
        else
            Gemm.Multiply(transposeA, transposeB, m, n, k, MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(b), ldb,
                MemoryMarshal.Cast<T, double>(c), ldc, accumulate ? 1d : 0d, new GemmEpilogue<double>(MemoryMarshal.Cast<T, double>(bias)));
    }
}
