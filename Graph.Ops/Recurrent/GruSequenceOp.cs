using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops.Recurrent;

/// <summary>
/// A whole GRU layer over time in one kernel (Keras's GRUCell with <c>reset_after</c>, gate order z, r, h, run by
/// K.rnn): for each processing step s (time t = s, or T−1−s when going backwards) <c>u = h·W + b_rec</c>,
/// <c>z = σ(X_z + u_z)</c>, <c>r = σ(X_r + u_r)</c>, <c>ĥ = act(X_h + r·u_h)</c>, <c>h′ = z·h + (1 − z)·ĥ</c>, where
/// X = x·kernel + b_in is the input projection of every step computed beforehand as one GEMM. The recurrent product
/// is one GEMM per step (one per gate with recurrent dropout masks, <c>(h·m_k)·W_k</c>), the gates one pass per row.
/// <para>Inputs: projected <c>(batch, time, 3·units)</c>, h₀ <c>(batch, units)</c>, recurrent kernel
/// <c>(units, 3·units)</c>, the recurrent bias <c>(3·units)</c> when <see cref="HasRecurrentBias"/>, then the bool
/// mask <c>(batch, time)</c> when <see cref="Masked"/> and the recurrent dropout masks <c>(3, batch, units)</c> when
/// <see cref="RecurrentMasked"/>. Masked steps follow Keras 2.2.4 as in <see cref="LstmSequenceOp"/>.</para>
/// <para>Elements: the outputs in processing order, the last output, the final h, then for the gradient the
/// activated gates [z, r, ĥ] and the recurrent products u <c>(batch, time, 3·units)</c>, the hidden state entering
/// each time index, and a scratch vector.</para>
/// </summary>
public sealed record GruSequenceOp(FusedActivation Activation, FusedActivation RecurrentActivation, bool GoBackwards,
    bool Masked, bool RecurrentMasked, bool HasRecurrentBias) : TupleKernelOp
{
    /// <summary>Element indices.</summary>
    public const int Sequence = 0, Last = 1, FinalH = 2, Gates = 3, Recurrent = 4, HiddenIn = 5, Scratch = 6;

    /// <summary>Index of the mask input (when <see cref="Masked"/>).</summary>
    public int MaskInput => HasRecurrentBias ? 4 : 3;

    /// <summary>Index of the recurrent masks input (when <see cref="RecurrentMasked"/>).</summary>
    public int RecurrentMaskInput => MaskInput + (Masked ? 1 : 0);

    /// <inheritdoc/>
    public override TensorType[] InferTupleTypes(ReadOnlySpan<TensorType> inputs)
    {
        int expected = RecurrentMaskInput + (RecurrentMasked ? 1 : 0);
        if (inputs.Length != expected) throw new ShapeRuleException($"expects {expected} inputs, got {inputs.Length}.");
        var (batch, steps, units) = SequenceKernels.Check(inputs, 3, 1, kernelInput: 2, Masked ? MaskInput : -1, RecurrentMasked ? RecurrentMaskInput : -1);
        if (HasRecurrentBias && (inputs[3].Shape.Rank != 1 || inputs[3].Shape[0] is { } n && n != 3 * units))
            throw new ShapeRuleException($"input 3 (recurrent bias) must be ({3 * units}); got {inputs[3]}.");
        var dtype = inputs[0].DType;
        TensorType T(params int?[] dims) => new(dtype, new Shape(dims));
        return [T(batch, steps, units), T(batch, units), T(batch, units), T(batch, steps, 3 * units), T(batch, steps, 3 * units), T(batch, steps, units), T(batch * units)];
    }

    /// <inheritdoc/>
    public override string AttributeText =>
        $"activation={Activation.Name()}, recurrent_activation={RecurrentActivation.Name()}, go_backwards={GoBackwards}, masked={Masked}, recurrent_masked={RecurrentMasked}, recurrent_bias={HasRecurrentBias}";

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, ReadOnlySpan<TensorBuffer> outputs, in KernelContext context)
    {
        if (inputs[0].DType == DType.Float32) Run<float>(inputs, outputs);
        else Run<double>(inputs, outputs);
    }

    /// <summary>Whether the float32 sigmoid/tanh gate kernel runs (else the generic span path).</summary>
    internal bool FastGates<T>() => typeof(T) == typeof(float) && Activation == FusedActivation.Tanh
        && RecurrentActivation == FusedActivation.Sigmoid && GateKernels.IsSupported;

    private unsafe void Run<T>(ReadOnlySpan<TensorBuffer> inputs, ReadOnlySpan<TensorBuffer> outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = inputs[0].Dims[0], steps = inputs[0].Dims[1], units = inputs[1].Dims[1], width = 3 * units;
        ReadOnlySpan<T> x = inputs[0].Span<T>(), h0 = inputs[1].Span<T>(), w = inputs[2].Span<T>();
        ReadOnlySpan<T> bias = HasRecurrentBias ? inputs[3].Span<T>() : default;
        ReadOnlySpan<bool> mask = Masked ? inputs[MaskInput].Span<bool>() : default;
        ReadOnlySpan<T> recurrentMasks = RecurrentMasked ? inputs[RecurrentMaskInput].Span<T>() : default;
        Span<T> sequence = outputs[Sequence].Span<T>(), last = outputs[Last].Span<T>(), finalH = outputs[FinalH].Span<T>(),
            gates = outputs[Gates].Span<T>(), recurrent = outputs[Recurrent].Span<T>(), hiddenIn = outputs[HiddenIn].Span<T>(),
            scratch = outputs[Scratch].Span<T>();
        if (steps == 0)
        {
            last.Clear();
            h0.CopyTo(finalH);
            return;
        }
        int gateStride = steps * width, unitStride = steps * units;
        int first = SequenceKernels.Time(0, steps, GoBackwards);
        for (int b = 0; b < batch; b++) h0.Slice(b * units, units).CopyTo(hiddenIn.Slice(b * unitStride + first * units, units));
        bool fast = FastGates<T>();
        fixed (T* px = x, pu = recurrent, pg = gates, pBias = bias, pHidden = hiddenIn, pOut = sequence, pFinalH = finalH)
        {
            for (int s = 0; s < steps; s++)
            {
                int t = SequenceKernels.Time(s, steps, GoBackwards);
                int nextTime = s + 1 < steps ? SequenceKernels.Time(s + 1, steps, GoBackwards) : -1;
                SequenceKernels.RecurrentProduct(batch, units, 3, hiddenIn[(t * units)..], unitStride, w, recurrent[(t * width)..], gateStride,
                    accumulate: false, recurrentMasks, scratch);
                for (int b = 0; b < batch; b++)
                {
                    int row = b * gateStride + t * width, hInAt = b * unitStride + t * units, outAt = b * unitStride + s * units;
                    T* hNext = nextTime >= 0 ? pHidden + b * unitStride + nextTime * units : pFinalH + b * units;
                    if (Masked && !mask[b * steps + t])
                    {
                        // A masked step carries the state and repeats the previous output (zeros at first).
                        hiddenIn.Slice(hInAt, units).CopyTo(new Span<T>(hNext, units));
                        var output = sequence.Slice(outAt, units);
                        if (s == 0) output.Clear();
                        else sequence.Slice(outAt - units, units).CopyTo(output);
                        continue;
                    }
                    if (fast)
                    {
                        GateKernels.GruForward((float*)(px + row), (float*)(pu + row), HasRecurrentBias ? (float*)pBias : null, (float*)(pg + row),
                            (float*)(pHidden + hInAt), (float*)(pOut + outAt), (float*)hNext, units);
                        continue;
                    }
                    var u = recurrent.Slice(row, width);
                    var g = gates.Slice(row, width);
                    var xRow = x.Slice(row, width);
                    if (HasRecurrentBias) TensorPrimitives.Add(u, bias, u);
                    // z, r = σ(X + u); ĥ = act(X_h + r·u_h); h′ = ĥ + z·(h − ĥ)
                    TensorPrimitives.Add(xRow[..(2 * units)], u[..(2 * units)], g[..(2 * units)]);
                    RecurrentActivation.Apply(g[..(2 * units)]);
                    var candidate = g[(2 * units)..];
                    TensorPrimitives.FusedMultiplyAdd(g.Slice(units, units), u[(2 * units)..], xRow[(2 * units)..], candidate);
                    Activation.Apply(candidate);
                    var h = sequence.Slice(outAt, units);
                    TensorPrimitives.Subtract(hiddenIn.Slice(hInAt, units), candidate, h);
                    TensorPrimitives.FusedMultiplyAdd(g[..units], h, candidate, h);
                    h.CopyTo(new Span<T>(hNext, units));
                }
            }
        }
        for (int b = 0; b < batch; b++)
            sequence.Slice(b * unitStride + (steps - 1) * units, units).CopyTo(last.Slice(b * units, units));
    }

    /// <summary>
    /// One <see cref="GruSequenceGradOp"/> node for the gradients reaching the outputs, the last output and the final
    /// state: gradients of the projected inputs, h₀, the recurrent kernel and the recurrent bias.
    /// </summary>
    /// <exception cref="InvalidOperationException">a gradient reaches a saved intermediate.</exception>
    public override Node?[] Gradient(Node node, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator)
    {
        var grads = FusedGradients.Collect(node, projectionGradients, 3, differentiator);
        Node[] saved = [node.Inputs[2], FusedGradients.Element(node, Gates), FusedGradients.Element(node, Recurrent), FusedGradients.Element(node, HiddenIn)];
        Node[] masks = [.. Masked ? [node.Inputs[MaskInput]] : Array.Empty<Node>(), .. RecurrentMasked ? [node.Inputs[RecurrentMaskInput]] : Array.Empty<Node>()];
        var op = new GruSequenceGradOp(this, grads[0] is not null, grads[1] is not null, grads[2] is not null);
        var gradient = node.Graph.AddNode(op, [.. grads.OfType<Node>(), .. saved, .. masks], node.Name + "_grad");
        var result = new Node?[node.Inputs.Count];
        result[0] = FusedGradients.Element(gradient, 0);
        result[1] = FusedGradients.Element(gradient, 1);
        result[2] = FusedGradients.Element(gradient, 2);
        if (HasRecurrentBias) result[3] = FusedGradients.Element(gradient, 3);
        return result;
    }
}
