using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops.Recurrent;

/// <summary>
/// The gradient of <see cref="GruSequenceOp"/>, backprop through time in one kernel. Walking the steps backwards
/// with the state's gradient dh and d_out of the previous output, a kept row gets dh += d_out and
/// <c>d_z = dh·(h − ĥ)·σ′</c>, <c>d_ĥ = dh·(1 − z)·act′</c>, <c>d_r = d_ĥ·u_h·σ′</c> (the projected inputs'
/// gradient is [d_z, d_r, d_ĥ]; the recurrent products' is [d_z, d_r, d_ĥ·r]) and <c>dh ← dh·z + d_u·Wᵀ</c> by one
/// GEMM per step; a masked row passes dh through and hands d_out to the previous output. The recurrent kernel's
/// gradient is one GEMM over all steps at the end, <c>dW = Σ h_inᵀ·d_u</c>, the recurrent bias's <c>Σ d_u</c>.
/// The input projection's gradients follow from its gradient d_X: <c>dx = d_X·Wᵀ</c>, <c>dW = xᵀ·d_X</c> and the bias
/// rows <c>[Σ d_X, Σ d_u]</c>.
/// <para>Inputs: the present gradients (sequence, last output, final h, as flagged), x, the kernel, the recurrent
/// kernel, the saved gates, recurrent products and entering hidden states, then the forward's masks. Elements: the
/// gradients of x, the kernel, the bias <c>(2, 3·units)</c>, h₀ and the recurrent kernel, then d_X and d_u
/// <c>(batch, time, 3·units)</c> and a scratch vector.</para>
/// </summary>
public sealed record GruSequenceGradOp(GruSequenceOp Forward, bool HasSequenceGrad, bool HasLastGrad, bool HasHGrad) : TupleKernelOp
{
    /// <summary>Element indices.</summary>
    public const int DSequence = 0, DKernel = 1, DBias = 2, DH0 = 3, DRecurrentKernel = 4, DProjected = 5, DRecurrent = 6, Scratch = 7;

    private int GradCount => (HasSequenceGrad ? 1 : 0) + (HasLastGrad ? 1 : 0) + (HasHGrad ? 1 : 0);

    /// <inheritdoc/>
    public override TensorType[] InferTupleTypes(ReadOnlySpan<TensorType> inputs)
    {
        var layout = Forward.Layout;
        int g = GradCount, expected = g + 6 + layout.Masks.Length;
        if (inputs.Length != expected) throw new ShapeRuleException($"expects {expected} inputs, got {inputs.Length}.");
        var (x, kernel, gates) = (inputs[g], inputs[g + 1], inputs[g + 3]);
        if (x.Shape.Rank != 3 || x.Shape[2] is not { } features || gates.Shape.Rank != 3 || kernel.Shape.Rank != 2 || kernel.Shape[1] is not { } width || width == 0)
            throw new ShapeRuleException($"inputs {g}, {g + 1} and {g + 3} must be the sequence, the kernel and the saved gates; got {x}, {kernel} and {gates}.");
        int units = width / 3;
        int? batch = gates.Shape[0], steps = gates.Shape[1];
        var dtype = gates.DType;
        TensorType T(params int?[] dims) => new(dtype, new Shape(dims));
        int? masked = Math.Max(layout.RecurrentMasked ? units : 0, layout.InputMasked ? features : 0) * batch * steps;
        int? scratch = batch * units * 3 + 2 * units + masked;
        return [T(batch, steps, features), T(features, width), T(2, width), T(batch, units), T(units, width), T(batch, steps, width),
            T(batch, steps, width), T(scratch)];
    }

    /// <inheritdoc/>
    public override string AttributeText => $"{Forward.AttributeText}, grads={(HasSequenceGrad ? "s" : "")}{(HasLastGrad ? "l" : "")}{(HasHGrad ? "h" : "")}";

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
        var layout = Forward.Layout;
        ReadOnlySpan<T> sequenceInput = inputs[next].Span<T>(), kernel = inputs[next + 1].Span<T>(), w = inputs[next + 2].Span<T>(),
            gates = inputs[next + 3].Span<T>(), recurrent = inputs[next + 4].Span<T>(), hiddenIn = inputs[next + 5].Span<T>();
        int batch = inputs[next].Dims[0], steps = inputs[next].Dims[1], features = inputs[next].Dims[2], units = inputs[next + 2].Dims[0], width = 3 * units;
        next += 6;
        ReadOnlySpan<bool> mask = layout.Masked ? inputs[next++].Span<bool>() : default;
        ReadOnlySpan<T> inputMasks = layout.InputMasked ? inputs[next++].Span<T>() : default;
        ReadOnlySpan<T> recurrentMasks = layout.RecurrentMasked ? inputs[next].Span<T>() : default;
        Span<T> dx = outputs[DProjected].Span<T>(), dh = outputs[DH0].Span<T>(), dw = outputs[DRecurrentKernel].Span<T>(),
            dBias = outputs[DBias].Span<T>(), du = outputs[DRecurrent].Span<T>(), scratch = outputs[Scratch].Span<T>();
        int n = batch * units;
        Span<T> dOutput = scratch[..n], product = scratch.Slice(n, n), gemmScratch = scratch.Slice(2 * n, n), direct = scratch.Slice(3 * n, units), masked = scratch[(3 * n + 2 * units)..];
        if (dFinalH.IsEmpty) dh.Clear(); else dFinalH.CopyTo(dh);
        if (dLast.IsEmpty) dOutput.Clear(); else dLast.CopyTo(dOutput);
        int gateStride = steps * width, unitStride = steps * units;
        bool fast = Forward.FastGates<T>();
        fixed (T* pg = gates, pu = recurrent, pHidden = hiddenIn, pdh = dh, pdOut = dOutput, pdSeq = dSequence, pdx = dx, pdu = du)
        {
            for (int s = steps - 1; s >= 0; s--)
            {
                int t = SequenceKernels.Time(s, steps, Forward.GoBackwards);
                for (int b = 0; b < batch; b++)
                {
                    int row = b * gateStride + t * width, hInAt = b * unitStride + t * units;
                    var carried = dOutput.Slice(b * units, units);
                    var dSeqRow = HasSequenceGrad ? dSequence.Slice(b * unitStride + s * units, units) : default;
                    if (Forward.Masked && !mask[b * steps + t])
                    {
                        // A masked step passed the state through; its output was the previous output.
                        if (HasSequenceGrad) TensorPrimitives.Add(carried, dSeqRow, carried);
                        dx.Slice(row, width).Clear();
                        du.Slice(row, width).Clear();
                        continue;
                    }
                    if (fast)
                    {
                        GateKernels.GruBackward((float*)(pg + row), (float*)(pu + row), (float*)(pHidden + hInAt), (float*)(pdh + b * units),
                            (float*)(pdOut + b * units), HasSequenceGrad ? (float*)(pdSeq + b * unitStride + s * units) : null,
                            (float*)(pdx + row), (float*)(pdu + row), units);
                        continue;
                    }
                    GenericRow(gates.Slice(row, width), recurrent.Slice(row, width), hiddenIn.Slice(hInAt, units), dh.Slice(b * units, units),
                        carried, dSeqRow, dx.Slice(row, width), du.Slice(row, width), direct);
                }
                SequenceKernels.RecurrentBackProduct(batch, units, 3, du[(t * width)..], gateStride, w, product, recurrentMasks, gemmScratch);
                for (int b = 0; b < batch; b++)
                    if (!Forward.Masked || mask[b * steps + t])
                    {
                        var dhRow = dh.Slice(b * units, units);
                        TensorPrimitives.Add(dhRow, product.Slice(b * units, units), dhRow);
                    }
            }
        }
        SequenceKernels.KernelGradient(batch, steps, units, 3, hiddenIn, du, dw, recurrentMasks, masked);
        var recurrentBias = dBias[width..];
        recurrentBias.Clear();
        for (int row = 0; row < batch * steps; row++) TensorPrimitives.Add(recurrentBias, du.Slice(row * width, width), recurrentBias);
        SequenceKernels.ProjectBackward(batch, steps, features, units, 3, sequenceInput, kernel, dx, inputMasks,
            outputs[DSequence].Span<T>(), outputs[DKernel].Span<T>(), dBias[..width], masked);
    }

    /// <summary>The gradients of one kept row for any fused activations (span calls; see <see cref="GateKernels"/>).</summary>
    private void GenericRow<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> u, ReadOnlySpan<T> hIn, Span<T> dhRow, Span<T> carried,
        ReadOnlySpan<T> dSequence, Span<T> dxRow, Span<T> duRow, Span<T> direct) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = hIn.Length;
        var sigma = Forward.RecurrentActivation;
        TensorPrimitives.Add(dhRow, carried, dhRow);
        if (!dSequence.IsEmpty) TensorPrimitives.Add(dhRow, dSequence, dhRow);
        carried.Clear();
        ReadOnlySpan<T> z = g[..units], r = g.Slice(units, units), candidate = g[(2 * units)..];
        // d_z = dh·(h − ĥ)·σ′(z)
        var dZ = dxRow[..units];
        TensorPrimitives.Subtract(hIn, candidate, dZ);
        TensorPrimitives.Multiply(dZ, dhRow, dZ);
        sigma.ScaleByDerivative(z, dZ);
        // d_ĥ = (dh − dh·z)·act′(ĥ); then dh ← dh·z, the state's direct path
        var dCandidate = dxRow[(2 * units)..];
        TensorPrimitives.Multiply(dhRow, z, direct);
        TensorPrimitives.Subtract(dhRow, direct, dCandidate);
        direct.CopyTo(dhRow);
        Forward.Activation.ScaleByDerivative(candidate, dCandidate);
        // d_r = d_ĥ·u_h·σ′(r); d_u = [d_z, d_r, d_ĥ·r]
        var dR = dxRow.Slice(units, units);
        TensorPrimitives.Multiply(dCandidate, u[(2 * units)..], dR);
        sigma.ScaleByDerivative(r, dR);
        dxRow[..(2 * units)].CopyTo(duRow);
        TensorPrimitives.Multiply(dCandidate, r, duRow[(2 * units)..]);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator) =>
        throw FusedGradients.NoSecondDerivative(node);
}
