using Graph.Core;

namespace Graph.Ops.Random;

/// <summary>
/// TF's <c>truncated_normal</c>: <c>mean + stddev·z</c> with z standard normal redrawn while |z| ≥ 2, so every value
/// lies within two standard deviations (the standard deviation of the result is about 0.88·stddev). Each element
/// redraws from its own Philox counters (<see cref="NormalSampler.FillTruncated{T}"/>), keyed and streamed as
/// <see cref="RandomNormalOp"/>; shape rule as <see cref="RandomShapes"/>.
/// </summary>
public sealed record TruncatedNormalOp(DType DType, ulong Key, ValueArray<int?> NoiseShape, double Mean, double Stddev) : KernelOp
{
    /// <summary>Draws differ per run: never merged or folded.</summary>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) => RandomShapes.Infer(inputs, DType, NoiseShape);

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        ulong stream = Philox.Stream(context.RunCounter, context.LoopIteration);
        if (DType == DType.Float32) NormalSampler.FillTruncated(output.Span<float>(), Key, stream, Mean, Stddev);
        else NormalSampler.FillTruncated(output.Span<double>(), Key, stream, Mean, Stddev);
    }

    /// <summary>Random draws have no gradient with respect to the reference input.</summary>
    public override Node?[] Gradient(Node node, Node outputGradient) => new Node?[node.Inputs.Count];

    /// <inheritdoc/>
    public override string AttributeText => $"{DType.Name()} mean={Mean} stddev={Stddev} key={Key:x}" + RandomShapes.Text(NoiseShape);
}
