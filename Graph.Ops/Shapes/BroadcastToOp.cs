using Graph.Core;
using Graph.Ops.Elementwise;

namespace Graph.Ops.Shapes;

/// <summary>
/// <c>tf.broadcast_to(x, shape)</c> with numpy's rules (aligned from the right; x's dims must be 1 or equal).
/// A −1 in <paramref name="Target"/> (an unknown dim of the requested shape) takes x's aligned dimension, so
/// <c>(?, 4)</c> broadcasts a <c>(?, 1)</c> batch at any batch size. Any dtype.
/// ∂/∂x = SumToShape(g, x).
/// </summary>
public sealed record BroadcastToOp(ValueArray<int> Target) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var x = inputs[0].Shape;
        int rank = Target.Count, lead = rank - x.Rank;
        if (lead < 0) throw new ShapeRuleException($"input 0 of shape {x} has more dimensions than the target {Target}.");
        var dims = new int?[rank];
        for (int k = 0; k < rank; k++)
        {
            int t = Target[k];
            int? d = k < lead ? null : x[k - lead];
            if (t < -1) throw new ShapeRuleException($"target {Target} has dimension {t}.");
            if (t == -1)
            {
                if (k < lead) throw new ShapeRuleException($"target {Target} leaves dimension {k} unknown, but input 0 of shape {x} has no dimension there.");
                dims[k] = d;
            }
            else if (d is { } known && known != 1 && known != t)
                throw new ShapeRuleException($"input 0 of shape {x} cannot be broadcast to {Target}: dimension {k - lead} is {known}.");
            else dims[k] = t;
        }
        return new(inputs[0].DType, new Shape(dims));
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        Span<int> strides = stackalloc int[output.Rank];
        Broadcasting.AlignedStrides(inputs[0].Dims, output.Dims, strides);
        StridedCopy.Gather(inputs[0], 0, output.Dims, strides, output);
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [G.SumToShape(outputGradient, node.Inputs[0])];

    /// <inheritdoc/>
    public override string AttributeText => $"shape={Target}";
}
