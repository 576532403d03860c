using Graph.Core;

namespace Graph.Ops.NeuralNet;

/// <summary>
/// The dense form of sparse class labels for a cross-entropy: input 0 holds int32/int64 class indices shaped like
/// input 1 (the logits) without its last axis; the result has the logits' type, 1 at each label's class and 0
/// elsewhere. A label outside [0, classes) is an error when the kernel runs (TF's sparse cross-entropy raises too,
/// rather than returning a silent zero loss). Not differentiable.
/// </summary>
public sealed record LabelsOneHotOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs (labels, logits), got {inputs.Length}.");
        var (labels, logits) = (inputs[0], inputs[1]);
        if (!labels.DType.IsInteger()) throw new ShapeRuleException($"input 0 (labels) is {labels}; labels must be int32 or int64.");
        if (!logits.DType.IsFloating()) throw new ShapeRuleException($"input 1 (logits) is {logits}; logits must be float32 or float64.");
        bool fits = logits.Shape.Rank >= 1 && labels.Shape.Rank == logits.Shape.Rank - 1;
        for (int i = 0; fits && i < labels.Shape.Rank; i++)
            fits = labels.Shape[i] is not { } a || logits.Shape[i] is not { } b || a == b;
        if (!fits)
            throw new ShapeRuleException($"input 0 (labels) of shape {labels.Shape} must have the shape of input 1 (logits) {logits.Shape} without its last axis.");
        return logits;
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        Array.Clear(output.Data, 0, output.Length);
        var labels = inputs[0];
        int classes = output.Dims[^1];
        for (int row = 0; row < labels.Length; row++)
        {
            long label = labels.DType == DType.Int32 ? labels.Span<int>()[row] : labels.Span<long>()[row];
            if (label < 0 || label >= classes)
                throw new InvalidOperationException($"Label {label} at position {row} is outside the valid range [0, {classes}).");
            int at = row * classes + (int)label;
            if (output.DType == DType.Float32) output.Span<float>()[at] = 1;
            else output.Span<double>()[at] = 1;
        }
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null, null];
}
