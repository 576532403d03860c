using Graph.Core;

namespace Graph.Ops.Random;

/// <summary>
/// Bernoulli draws: 1 with probability <paramref name="P"/>, else 0, as <c>u &lt; p</c> for the element's uniform
/// u ∈ [0, 1) of the counter-based generator (24-bit uniforms for float32, 53-bit for float64), keyed and streamed as
/// <see cref="RandomUniformOp"/>; p = 0 never and p = 1 always gives 1. Shape rule as <see cref="RandomShapes"/>.
/// </summary>
public sealed record BernoulliOp(DType DType, ulong Key, ValueArray<int?> NoiseShape, double P) : KernelOp
{
    /// <summary>Draws differ per run: never merged or folded.</summary>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (!(P >= 0 && P <= 1)) throw new ShapeRuleException($"p must be in [0, 1], got {P}.");
        return RandomShapes.Infer(inputs, DType, NoiseShape);
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        ulong stream = Philox.Stream(context.RunCounter, context.LoopIteration);
        if (DType == DType.Float32)
        {
            var d = output.Span<float>();
            Philox.FillUniform(d, Key, stream);
            float p = (float)P;
            for (int i = 0; i < d.Length; i++) d[i] = d[i] < p ? 1f : 0f;
        }
        else
        {
            var d = output.Span<double>();
            Philox.FillUniform(d, Key, stream);
            for (int i = 0; i < d.Length; i++) d[i] = d[i] < P ? 1.0 : 0.0;
        }
    }

    /// <summary>Random draws have no gradient with respect to the reference input.</summary>
    public override Node?[] Gradient(Node node, Node outputGradient) => new Node?[node.Inputs.Count];

    /// <inheritdoc/>
    public override string AttributeText => $"{DType.Name()} p={P} key={Key:x}" + RandomShapes.Text(NoiseShape);
}
