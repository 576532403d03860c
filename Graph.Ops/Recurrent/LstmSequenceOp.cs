using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops.Recurrent;

/// <summary>
/// A whole LSTM layer over time in one kernel (Keras's LSTMCell, gate order i, f, c, o, run by K.rnn): for each
/// processing step s (time t = s, or T−1−s when going backwards)
/// <c>z = X[:, t] + h·W</c>, <c>i = σ(z_i)</c>, <c>f = σ(z_f)</c>, <c>g = act(z_c)</c>, <c>o = σ(z_o)</c>,
/// <c>c′ = f·c + i·g</c>, <c>h′ = o·act(c′)</c>, where X = x·kernel + bias is the input projection of every step
/// computed first as one GEMM (bias in its epilogue). The recurrent product is one GEMM per step into the saved gate buffer (one per
/// gate with recurrent dropout masks, <c>(h·m_k)·W_k</c>), the gates one pass per row, nothing allocated.
/// <para>Inputs (<see cref="FusedInputs"/>): x, kernel, bias <c>(4·units)</c>, h₀, c₀, recurrent kernel, mask, input and
/// recurrent dropout masks. A masked step keeps both states and outputs the previous output (zeros before the first
/// kept step), Keras 2.2.4's rule.</para>
/// <para>Elements: the outputs in processing order <c>(batch, time, units)</c>, the last output, the final h and c,
/// then what the gradient reads — the activated gates <c>(batch, time, 4·units)</c>, the cell state after each
/// time index and the hidden state entering it <c>(batch, time, units)</c> — the projection X and a scratch vector.</para>
/// </summary>
public sealed record LstmSequenceOp(FusedActivation Activation, FusedActivation RecurrentActivation, bool GoBackwards,
    FusedInputs Layout) : TupleKernelOp
{
    /// <summary>Element indices.</summary>
    public const int Sequence = 0, Last = 1, FinalH = 2, FinalC = 3, Gates = 4, Cells = 5, HiddenIn = 6, Projected = 7, Scratch = 8;

    /// <summary>Whether a mask skips steps.</summary>
    public bool Masked => Layout.Masked;

    /// <inheritdoc/>
    public override TensorType[] InferTupleTypes(ReadOnlySpan<TensorType> inputs)
    {
        if (Layout.States != 2) throw new ShapeRuleException($"an LSTM has 2 states; the layout says {Layout.States}.");
        var (batch, steps, features, units) = SequenceKernels.Check(inputs, Layout, 4, u => [4 * u]);
        var dtype = inputs[0].DType;
        TensorType T(params int?[] dims) => new(dtype, new Shape(dims));
        int? scratch = batch * units + (Layout.InputMasked ? batch * steps * features : 0);
        return
        [
            T(batch, steps, units), T(batch, units), T(batch, units), T(batch, units),
            T(batch, steps, 4 * units), T(batch, steps, units), T(batch, steps, units), T(batch, steps, 4 * units), T(scratch),
        ];
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
        int units = inputs[layout.RecurrentKernel].Dims[0], width = 4 * units;
        ReadOnlySpan<T> h0 = inputs[layout.FirstState].Span<T>(), c0 = inputs[layout.FirstState + 1].Span<T>(), w = inputs[layout.RecurrentKernel].Span<T>();
        ReadOnlySpan<bool> mask = layout.Masked ? inputs[layout.Mask].Span<bool>() : default;
        ReadOnlySpan<T> recurrentMasks = layout.RecurrentMasked ? inputs[layout.RecurrentMasks].Span<T>() : default;
        Span<T> sequence = outputs[Sequence].Span<T>(), last = outputs[Last].Span<T>(), finalH = outputs[FinalH].Span<T>(),
            finalC = outputs[FinalC].Span<T>(), gates = outputs[Gates].Span<T>(), cells = outputs[Cells].Span<T>(),
            hiddenIn = outputs[HiddenIn].Span<T>(), projected = outputs[Projected].Span<T>(), scratch = outputs[Scratch].Span<T>();
        SequenceKernels.Project(batch, steps, features, units, 4, inputs[0].Span<T>(), inputs[FusedInputs.Kernel].Span<T>(),
            layout.HasBias ? inputs[layout.Bias].Span<T>() : default, layout.InputMasked ? inputs[layout.InputMasks].Span<T>() : default,
            projected, scratch[(batch * units)..]);
        ReadOnlySpan<T> x = projected;
        if (steps == 0)
        {
            last.Clear();
            h0.CopyTo(finalH);
            c0.CopyTo(finalC);
            return;
        }
        int gateStride = steps * width, unitStride = steps * units;
        int first = SequenceKernels.Time(0, steps, GoBackwards);
        for (int b = 0; b < batch; b++) h0.Slice(b * units, units).CopyTo(hiddenIn.Slice(b * unitStride + first * units, units));
        bool fast = FastGates<T>();
        fixed (T* px = x, pz = gates, pc0 = c0, pCells = cells, pOut = sequence, pHidden = hiddenIn, pFinalH = finalH)
        {
            for (int s = 0; s < steps; s++)
            {
                int t = SequenceKernels.Time(s, steps, GoBackwards), previous = SequenceKernels.Time(s - 1, steps, GoBackwards);
                int nextTime = s + 1 < steps ? SequenceKernels.Time(s + 1, steps, GoBackwards) : -1;
                SequenceKernels.RecurrentProduct(batch, units, 4, hiddenIn[(t * units)..], unitStride, w, gates[(t * width)..], gateStride,
                    accumulate: false, recurrentMasks, scratch);
                for (int b = 0; b < batch; b++)
                {
                    int row = b * gateStride + t * width;
                    int cInAt = s == 0 ? b * units : b * unitStride + previous * units;
                    int cellAt = b * unitStride + t * units, outAt = b * unitStride + s * units;
                    T* cIn = s == 0 ? pc0 + cInAt : pCells + cInAt;
                    T* hNext = nextTime >= 0 ? pHidden + b * unitStride + nextTime * units : pFinalH + b * units;
                    if (Masked && !mask[b * steps + t])
                    {
                        // A masked step carries both states and repeats the previous output (zeros at first).
                        new Span<T>(cIn, units).CopyTo(cells.Slice(cellAt, units));
                        hiddenIn.Slice(b * unitStride + t * units, units).CopyTo(new Span<T>(hNext, units));
                        SequenceKernels.RepeatPreviousOutput(sequence, outAt, units, s);
                        continue;
                    }
                    if (fast)
                    {
                        GateKernels.LstmForward((float*)(px + row), (float*)(pz + row), (float*)cIn, (float*)(pCells + cellAt),
                            (float*)(pOut + outAt), (float*)hNext, units);
                        continue;
                    }
                    var z = gates.Slice(row, width);
                    TensorPrimitives.Add(z, x.Slice(row, width), z);
                    RecurrentActivation.Apply(z[..(2 * units)]);
                    Activation.Apply(z.Slice(2 * units, units));
                    RecurrentActivation.Apply(z[(3 * units)..]);
                    // c′ = f·c + i·g; h′ = o·act(c′)
                    var cell = cells.Slice(cellAt, units);
                    var h = sequence.Slice(outAt, units);
                    TensorPrimitives.Multiply(z.Slice(units, units), new ReadOnlySpan<T>(cIn, units), cell);
                    TensorPrimitives.FusedMultiplyAdd(z[..units], z.Slice(2 * units, units), cell, cell);
                    cell.CopyTo(h);
                    Activation.Apply(h);
                    TensorPrimitives.Multiply(h, z[(3 * units)..], h);
                    h.CopyTo(new Span<T>(hNext, units));
                }
            }
        }
        int lastTime = SequenceKernels.Time(steps - 1, steps, GoBackwards);
        for (int b = 0; b < batch; b++)
        {
            sequence.Slice(b * unitStride + (steps - 1) * units, units).CopyTo(last.Slice(b * units, units));
            cells.Slice(b * unitStride + lastTime * units, units).CopyTo(finalC.Slice(b * units, units));
        }
    }

    /// <summary>
    /// One <see cref="LstmSequenceGradOp"/> node for the gradients reaching the outputs, the last output and the final
    /// states: gradients of the projected inputs, h₀, c₀ and the recurrent kernel (none for the masks).
    /// </summary>
    /// <exception cref="InvalidOperationException">a gradient reaches a saved intermediate (only the gradient op reads those).</exception>
    public override Node?[] Gradient(Node node, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator)
    {
        var grads = FusedGradients.Collect(node, projectionGradients, 4, differentiator);
        var layout = Layout;
        Node[] saved = [node.Inputs[FusedInputs.Sequence], node.Inputs[FusedInputs.Kernel], node.Inputs[layout.FirstState + 1],
            node.Inputs[layout.RecurrentKernel], FusedGradients.Element(node, Gates), FusedGradients.Element(node, Cells),
            FusedGradients.Element(node, HiddenIn)];
        var op = new LstmSequenceGradOp(this, grads[0] is not null, grads[1] is not null, grads[2] is not null, grads[3] is not null);
        var gradient = node.Graph.AddNode(op, [.. grads.OfType<Node>(), .. saved, .. layout.Masks.Select(i => node.Inputs[i])], node.Name + "_grad");
        var result = new Node?[node.Inputs.Count];
        result[FusedInputs.Sequence] = FusedGradients.Element(gradient, LstmSequenceGradOp.DSequence);
        result[FusedInputs.Kernel] = FusedGradients.Element(gradient, LstmSequenceGradOp.DKernel);
        if (layout.HasBias) result[layout.Bias] = FusedGradients.Element(gradient, LstmSequenceGradOp.DBias);
        result[layout.FirstState] = FusedGradients.Element(gradient, LstmSequenceGradOp.DH0);
        result[layout.FirstState + 1] = FusedGradients.Element(gradient, LstmSequenceGradOp.DC0);
        result[layout.RecurrentKernel] = FusedGradients.Element(gradient, LstmSequenceGradOp.DRecurrentKernel);
        return result;
    }
}
