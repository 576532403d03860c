using Graph.Core;

namespace Graph.Ops.Random;

/// <summary>
/// Uniform draws in [<paramref name="Min"/>, <paramref name="Max"/>) from the counter-based generator keyed by
/// <paramref name="Key"/> (graph seed, op seed) and streamed by (run counter, loop iteration). The shape is
/// <paramref name="NoiseShape"/> where given and the reference input's dimension where it is null (Keras's
/// <c>noise_shape</c>, so a size-1 axis shares one draw). Input: the reference value (only its shape is read), or
/// none, when <paramref name="NoiseShape"/> is the fixed, fully known shape (see <see cref="RandomShapes"/>).
/// </summary>
public sealed record RandomUniformOp(DType DType, ulong Key, ValueArray<int?> NoiseShape, double Min, double Max) : KernelOp
{
    /// <summary>Draws differ per run: never merged or folded.</summary>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) => RandomShapes.Infer(inputs, DType, NoiseShape);

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        ulong stream = Philox.Stream(context.RunCounter, context.LoopIteration);
        if (DType == DType.Float32)
        {
            var d = output.Span<float>();
            Philox.FillUniform(d, Key, stream);
            if (Min != 0 || Max != 1)
            {
                float scale = (float)(Max - Min), offset = (float)Min;
                for (int i = 0; i < d.Length; i++) d[i] = d[i] * scale + offset;
            }
        }
        else
        {
            var d = output.Span<double>();
            Philox.FillUniform(d, Key, stream);
            for (int i = 0; i < d.Length; i++) d[i] = d[i] * (Max - Min) + Min;
        }
    }

    /// <summary>Random draws have no gradient with respect to the reference input.</summary>
    public override Node?[] Gradient(Node node, Node outputGradient) => new Node?[node.Inputs.Count];

    /// <inheritdoc/>
    public override string AttributeText =>
        $"{DType.Name()} [{Min}, {Max}) key={Key:x}" + (NoiseShape.Count > 0 ? $" noise={Shape.Format(NoiseShape.Select(d => d ?? -1).ToArray())}" : "");
}
