using Graph.Core;

namespace Graph.Ops.Random;

/// <summary>
/// Normal draws <c>mean + stddev·z</c>, z standard normal by Box–Muller on the counter-based generator keyed by
/// <paramref name="Key"/> (graph seed, op seed) and streamed by (run counter, loop iteration); element-indexed, so
/// draws are reproducible given seeds and independent of how the work is split. Shape: the reference input's (or
/// <paramref name="NoiseShape"/>, null entries taking the reference's dimension), or with no input the fixed
/// <paramref name="NoiseShape"/> (see <see cref="RandomShapes"/>).
/// </summary>
public sealed record RandomNormalOp(DType DType, ulong Key, ValueArray<int?> NoiseShape, double Mean, double Stddev) : KernelOp
{
    /// <summary>Draws differ per run: never merged or folded.</summary>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) => RandomShapes.Infer(inputs, DType, NoiseShape);

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        ulong stream = Philox.Stream(context.RunCounter, context.LoopIteration);
        if (DType == DType.Float32) NormalSampler.FillNormal(output.Span<float>(), Key, stream, Mean, Stddev);
        else NormalSampler.FillNormal(output.Span<double>(), Key, stream, Mean, Stddev);
    }

    /// <summary>Random draws have no gradient with respect to the reference input.</summary>
    public override Node?[] Gradient(Node node, Node outputGradient) => new Node?[node.Inputs.Count];

    /// <inheritdoc/>
    public override string AttributeText => $"{DType.Name()} mean={Mean} stddev={Stddev} key={Key:x}" + RandomShapes.Text(NoiseShape);
}
