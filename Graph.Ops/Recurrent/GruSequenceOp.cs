using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops.Recurrent;

/// <summary>
/// A whole GRU layer over time in one kernel (Keras's GRUCell with <c>reset_after</c>, gate order z, r, h, run by
/// K.rnn): for each processing step s (time t = s, or T−1−s when going backwards) <c>u = h·W + b_rec</c>,
/// <c>z = σ(X_z + u_z)</c>, <c>r = σ(X_r + u_r)</c>, <c>ĥ = act(X_h + r·u_h)</c>, <c>h′ = z·h + (1 − z)·ĥ</c>, where
/// X = x·kernel + b_in is the input projection of every step computed first as one GEMM. The recurrent product
/// is one GEMM per step (one per gate with recurrent dropout masks, <c>(h·m_k)·W_k</c>), the gates one pass per row.
/// <para>Inputs (<see cref="FusedInputs"/>): x, kernel, bias <c>(2, 3·units)</c> (input row b_in, recurrent row
/// b_rec), h₀, recurrent kernel, mask, input and recurrent dropout masks. Masked steps follow Keras 2.2.4 as in
/// <see cref="LstmSequenceOp"/>.</para>
/// <para>Elements: the outputs in processing order, the last output, the final h, then for the gradient the
/// activated gates [z, r, ĥ] and the recurrent products u <c>(batch, time, 3·units)</c>, the hidden state entering
/// each time index, the projection X and a scratch vector.</para>
/// </summary>
public sealed record GruSequenceOp(FusedActivation Activation, FusedActivation RecurrentActivation, bool GoBackwards,
    FusedInputs Layout) : TupleKernelOp
{
    /// <summary>Element indices.</summary>
    public const int Sequence = 0, Last = 1, FinalH = 2, Gates = 3, Recurrent = 4, HiddenIn = 5, Projected = 6, Scratch = 7;

    /// <summary>Whether a mask skips steps.</summary>
    public bool Masked => Layout.Masked;

    /// <inheritdoc/>
    public override TensorType[] InferTupleTypes(ReadOnlySpan<TensorType> inputs)
    {
        if (Layout.States != 1) throw new ShapeRuleException($"a GRU has 1 state; the layout says {Layout.States}.");
        var (batch, steps, features, units) = SequenceKernels.Check(inputs, Layout, 3, u => [2, 3 * u]);
        var dtype = inputs[0].DType;
        TensorType T(params int?[] dims) => new(dtype, new Shape(dims));
        int? scratch = batch * units + (Layout.InputMasked ? batch * steps * features : 0);
        return [T(batch, steps, units), T(batch, units), T(batch, units), T(batch, steps, 3 * units), T(batch, steps, 3 * units),
            T(batch, steps, units), T(batch, steps, 3 * units), T(scratch)];
    }

    /// <inheritdoc/>
    public override string AttributeText =>
        $"activation={Activation.Name()}, recurrent_activation={RecurrentActivation.Name()}, go_backwards={GoBackwards}, {Layout}";

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
        var layout = Layout;
        int batch = inputs[0].Dims[0], steps = inputs[0].Dims[1], features = inputs[0].Dims[2];
        int units = inputs[layout.RecurrentKernel].Dims[0], width = 3 * units;
        ReadOnlySpan<T> h0 = inputs[layout.FirstState].Span<T>(), w = inputs[layout.RecurrentKernel].Span<T>();
        ReadOnlySpan<T> biases = layout.HasBias ? inputs[layout.Bias].Span<T>() : default;
        ReadOnlySpan<T> bias = layout.HasBias ? biases[width..] : default;
        ReadOnlySpan<bool> mask = layout.Masked ? inputs[layout.Mask].Span<bool>() : default;
        ReadOnlySpan<T> recurrentMasks = layout.RecurrentMasked ? inputs[layout.RecurrentMasks].Span<T>() : default;
        Span<T> sequence = outputs[Sequence].Span<T>(), last = outputs[Last].Span<T>(), finalH = outputs[FinalH].Span<T>(),
            gates = outputs[Gates].Span<T>(), recurrent = outputs[Recurrent].Span<T>(), hiddenIn = outputs[HiddenIn].Span<T>(),
            projected = outputs[Projected].Span<T>(), scratch = outputs[Scratch].Span<T>();
        SequenceKernels.Project(batch, steps, features, units, 3, inputs[0].Span<T>(), inputs[FusedInputs.Kernel].Span<T>(),
            layout.HasBias ? biases[..width] : default, layout.InputMasked ? inputs[layout.InputMasks].Span<T>() : default,
            projected, scratch[(batch * units)..]);
        ReadOnlySpan<T> x = projected;
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
                        SequenceKernels.RepeatPreviousOutput(sequence, outAt, units, s);
                        continue;
                    }
                    if (fast)
                    {
                        GateKernels.GruForward((float*)(px + row), (float*)(pu + row), layout.HasBias ? (float*)pBias : null, (float*)(pg + row),
                            (float*)(pHidden + hInAt), (float*)(pOut + outAt), (float*)hNext, units);
                        continue;
                    }
                    var u = recurrent.Slice(row, width);
                    var g = gates.Slice(row, width);
                    var xRow = x.Slice(row, width);
                    if (layout.HasBias) TensorPrimitives.Add(u, bias, u);
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
        var layout = Layout;
        Node[] saved = [node.Inputs[FusedInputs.Sequence], node.Inputs[FusedInputs.Kernel], node.Inputs[layout.RecurrentKernel],
            FusedGradients.Element(node, Gates), FusedGradients.Element(node, Recurrent), FusedGradients.Element(node, HiddenIn)];
        var op = new GruSequenceGradOp(this, grads[0] is not null, grads[1] is not null, grads[2] is not null);
        var gradient = node.Graph.AddNode(op, [.. grads.OfType<Node>(), .. saved, .. layout.Masks.Select(i => node.Inputs[i])], node.Name + "_grad");
        var result = new Node?[node.Inputs.Count];
        result[FusedInputs.Sequence] = FusedGradients.Element(gradient, GruSequenceGradOp.DSequence);
        result[FusedInputs.Kernel] = FusedGradients.Element(gradient, GruSequenceGradOp.DKernel);
        if (layout.HasBias) result[layout.Bias] = FusedGradients.Element(gradient, GruSequenceGradOp.DBias);
        result[layout.FirstState] = FusedGradients.Element(gradient, GruSequenceGradOp.DH0);
        result[layout.RecurrentKernel] = FusedGradients.Element(gradient, GruSequenceGradOp.DRecurrentKernel);
        return result;
    }
}
