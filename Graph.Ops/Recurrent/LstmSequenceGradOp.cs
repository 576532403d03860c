using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops.Recurrent;

/// <summary>
/// The gradient of <see cref="LstmSequenceOp"/>, backprop through time in one kernel. Walking the steps backwards
/// with the gradients dh, dc of the states and d_out of the previous output: a kept row gets dh += d_out and
/// <c>d_o = dh·act(c′)·σ′</c>, <c>dc += dh·o·act′(c′)</c>, <c>d_i = dc·g·σ′</c>, <c>d_f = dc·c·σ′</c>,
/// <c>d_g = dc·i·act′</c> (the gate gradients are the projected inputs' gradient), <c>dc ← dc·f</c> and, by one
/// GEMM per step, <c>dh ← d_z·Wᵀ</c>; a masked row passes dh and dc through and hands d_out to the previous output.
/// The recurrent kernel's gradient is one GEMM over all steps at the end: <c>dW = Σ h_inᵀ·d_z</c>.
/// The input projection's gradients follow from d_z (the projection's gradient): <c>dx = d_z·Wᵀ</c>,
/// <c>dW = xᵀ·d_z</c> (one GEMM each) and <c>db = Σ d_z</c>.
/// <para>Inputs: the present gradients (sequence, last output, final h, final c, as flagged), then x, the kernel, c₀,
/// the recurrent kernel, the saved gates, cell states and entering hidden states, then the forward's masks.
/// Elements: the gradients of x, the kernel, the bias, h₀, c₀ and the recurrent kernel, then d_z and a scratch vector.</para>
/// </summary>
public sealed record LstmSequenceGradOp(LstmSequenceOp Forward, bool HasSequenceGrad, bool HasLastGrad, bool HasHGrad, bool HasCGrad)
    : TupleKernelOp
{
    /// <summary>Element indices.</summary>
    public const int DSequence = 0, DKernel = 1, DBias = 2, DH0 = 3, DC0 = 4, DRecurrentKernel = 5, DProjected = 6, Scratch = 7;

    private int GradCount => (HasSequenceGrad ? 1 : 0) + (HasLastGrad ? 1 : 0) + (HasHGrad ? 1 : 0) + (HasCGrad ? 1 : 0);

    /// <inheritdoc/>
    public override TensorType[] InferTupleTypes(ReadOnlySpan<TensorType> inputs)
    {
        var layout = Forward.Layout;
        int g = GradCount, expected = g + 7 + layout.Masks.Length;
        if (inputs.Length != expected) throw new ShapeRuleException($"expects {expected} inputs, got {inputs.Length}.");
        var (x, kernel, gates) = (inputs[g], inputs[g + 1], inputs[g + 4]);
        if (x.Shape.Rank != 3 || x.Shape[2] is not { } features || gates.Shape.Rank != 3 || kernel.Shape.Rank != 2 || kernel.Shape[1] is not { } width || width == 0)
            throw new ShapeRuleException($"inputs {g}, {g + 1} and {g + 4} must be the sequence, the kernel and the saved gates; got {x}, {kernel} and {gates}.");
        int units = width / 4;
        int? batch = gates.Shape[0], steps = gates.Shape[1];
        var dtype = gates.DType;
        TensorType T(params int?[] dims) => new(dtype, new Shape(dims));
        int? masked = Math.Max(layout.RecurrentMasked ? units : 0, layout.InputMasked ? features : 0) * batch * steps;
        int? scratch = batch * units * 3 + 4 * units + masked;
        return [T(batch, steps, features), T(features, width), T(width), T(batch, units), T(batch, units), T(units, width), T(batch, steps, width), T(scratch)];
    }

    /// <inheritdoc/>
    public override string AttributeText => $"{Forward.AttributeText}, grads={(HasSequenceGrad ? "s" : "")}{(HasLastGrad ? "l" : "")}{(HasHGrad ? "h" : "")}{(HasCGrad ? "c" : "")}";

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, ReadOnlySpan<TensorBuffer> outputs, in KernelContext context)
    {
        if (outputs[0].DType == DType.Float32) Run<float>(inputs, outputs);
        else Run<double>(inputs, outputs);
    }

    private unsafe void Run<T>(ReadOnlySpan<TensorBuffer> inputs, ReadOnlySpan<TensorBuffer> outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int next = 0;
        ReadOnlySpan<T> dSequence = HasSequenceGrad ? inputs[next++].Span<T>() : default;
        ReadOnlySpan<T> dLast = HasLastGrad ? inputs[next++].Span<T>() : default;
        ReadOnlySpan<T> dFinalH = HasHGrad ? inputs[next++].Span<T>() : default;
        ReadOnlySpan<T> dFinalC = HasCGrad ? inputs[next++].Span<T>() : default;
        var layout = Forward.Layout;
        ReadOnlySpan<T> sequenceInput = inputs[next].Span<T>(), kernel = inputs[next + 1].Span<T>(), c0 = inputs[next + 2].Span<T>(),
            w = inputs[next + 3].Span<T>(), gates = inputs[next + 4].Span<T>(), cells = inputs[next + 5].Span<T>(), hiddenIn = inputs[next + 6].Span<T>();
        int batch = inputs[next].Dims[0], steps = inputs[next].Dims[1], features = inputs[next].Dims[2], units = inputs[next + 2].Dims[1], width = 4 * units;
        next += 7;
        ReadOnlySpan<bool> mask = layout.Masked ? inputs[next++].Span<bool>() : default;
        ReadOnlySpan<T> inputMasks = layout.InputMasked ? inputs[next++].Span<T>() : default;
        ReadOnlySpan<T> recurrentMasks = layout.RecurrentMasked ? inputs[next].Span<T>() : default;
        Span<T> dx = outputs[DProjected].Span<T>(), dh = outputs[DH0].Span<T>(), dc = outputs[DC0].Span<T>(), dw = outputs[DRecurrentKernel].Span<T>(),
            scratch = outputs[Scratch].Span<T>();
        int n = batch * units;
        Span<T> dOutput = scratch[..n], product = scratch.Slice(n, n), gemmScratch = scratch.Slice(2 * n, n);
        Span<T> act = scratch.Slice(3 * n, units), term = scratch.Slice(3 * n + units, units), masked = scratch[(3 * n + width)..];
        Copy(dFinalH, dh);
        Copy(dFinalC, dc);
        Copy(dLast, dOutput);
        int gateStride = steps * width, unitStride = steps * units;
        bool fast = Forward.FastGates<T>();
        fixed (T* pGates = gates, pCells = cells, pc0 = c0, pdh = dh, pdc = dc, pdOut = dOutput, pdSeq = dSequence, pdx = dx)
        {
            for (int s = steps - 1; s >= 0; s--)
            {
                int t = SequenceKernels.Time(s, steps, Forward.GoBackwards), previous = SequenceKernels.Time(s - 1, steps, Forward.GoBackwards);
                for (int b = 0; b < batch; b++)
                {
                    int row = b * gateStride + t * width, cellAt = b * unitStride + t * units;
                    T* cIn = s == 0 ? pc0 + b * units : pCells + b * unitStride + previous * units;
                    if (Forward.Masked && !mask[b * steps + t])
                    {
                        // A masked step passed the states through; its output was the previous output.
                        if (HasSequenceGrad) TensorPrimitives.Add(dOutput.Slice(b * units, units), dSequence.Slice(b * unitStride + s * units, units), dOutput.Slice(b * units, units));
                        dx.Slice(row, width).Clear();
                        continue;
                    }
                    if (fast)
                    {
                        GateKernels.LstmBackward((float*)(pGates + row), (float*)(pCells + cellAt), (float*)cIn, (float*)(pdh + b * units),
                            (float*)(pdOut + b * units), HasSequenceGrad ? (float*)(pdSeq + b * unitStride + s * units) : null,
                            (float*)(pdc + b * units), (float*)(pdx + row), units);
                        continue;
                    }
                    GenericRow(gates.Slice(row, width), cells.Slice(cellAt, units), new ReadOnlySpan<T>(cIn, units), dh.Slice(b * units, units),
                        dOutput.Slice(b * units, units), HasSequenceGrad ? dSequence.Slice(b * unitStride + s * units, units) : default,
                        dc.Slice(b * units, units), dx.Slice(row, width), act, term);
                }
                SequenceKernels.RecurrentBackProduct(batch, units, 4, dx[(t * width)..], gateStride, w, product, recurrentMasks, gemmScratch);
                for (int b = 0; b < batch; b++)
                    if (!Forward.Masked || mask[b * steps + t])
                        product.Slice(b * units, units).CopyTo(dh.Slice(b * units, units));
            }
        }
        SequenceKernels.KernelGradient(batch, steps, units, 4, hiddenIn, dx, dw, recurrentMasks, masked);
        SequenceKernels.ProjectBackward(batch, steps, features, units, 4, sequenceInput, kernel, dx, inputMasks,
            outputs[DSequence].Span<T>(), outputs[DKernel].Span<T>(), outputs[DBias].Span<T>(), masked);
    }

    /// <summary>The gate gradients of one kept row for any fused activations (span calls; see <see cref="GateKernels"/>).</summary>
    private void GenericRow<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> cell, ReadOnlySpan<T> cIn, Span<T> dhRow, Span<T> carried,
        ReadOnlySpan<T> dSequence, Span<T> dcRow, Span<T> dz, Span<T> act, Span<T> term) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = cell.Length;
        var (sigma, activation) = (Forward.RecurrentActivation, Forward.Activation);
        TensorPrimitives.Add(dhRow, carried, dhRow);
        if (!dSequence.IsEmpty) TensorPrimitives.Add(dhRow, dSequence, dhRow);
        carried.Clear();
        ReadOnlySpan<T> i = z[..units], f = z.Slice(units, units), g = z.Slice(2 * units, units), o = z[(3 * units)..];
        cell.CopyTo(act);
        activation.Apply(act);
        // d_o = dh·act(c′)·σ′(o); dc += dh·o·act′(c′)
        var dO = dz[(3 * units)..];
        TensorPrimitives.Multiply(dhRow, act, dO);
        sigma.ScaleByDerivative(o, dO);
        TensorPrimitives.Multiply(dhRow, o, term);
        activation.ScaleByDerivative(act, term);
        TensorPrimitives.Add(dcRow, term, dcRow);
        // d_i = dc·g·σ′(i); d_f = dc·c·σ′(f); d_g = dc·i·act′(g); dc ← dc·f
        var dI = dz[..units];
        TensorPrimitives.Multiply(dcRow, g, dI);
        sigma.ScaleByDerivative(i, dI);
        var dF = dz.Slice(units, units);
        TensorPrimitives.Multiply(dcRow, cIn, dF);
        sigma.ScaleByDerivative(f, dF);
        var dG = dz.Slice(2 * units, units);
        TensorPrimitives.Multiply(dcRow, i, dG);
        activation.ScaleByDerivative(g, dG);
        TensorPrimitives.Multiply(dcRow, f, dcRow);
    }

    private static void Copy<T>(ReadOnlySpan<T> source, Span<T> target)
    {
        if (source.IsEmpty) target.Clear();
        else source.CopyTo(target);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator) =>
        throw FusedGradients.NoSecondDerivative(node);
}
