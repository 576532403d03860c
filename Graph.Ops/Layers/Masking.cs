using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Masking(mask_value=0)</c>: a step is masked when all its features equal the mask value. The output mask is
/// <c>any(inputs ≠ v, axis −1)</c> (the incoming mask is ignored) and masked steps are zeroed:
/// <c>inputs · any(inputs ≠ v, −1, keepdims)</c>.
/// </summary>
public sealed class Masking : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["mask_value"] = MaskValue;
    }

    /// <summary>A masking layer for <paramref name="maskValue"/>.</summary>
    public Masking(double maskValue = 0, string? name = null) : base(name)
    {
        MaskValue = maskValue;
        SupportsMasking = true;
    }

    /// <summary>The padding value.</summary>
    public double MaskValue { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        G.Mul(inputs, G.Cast(G.Any(G.NotEqual(inputs, MaskValue), -1, keepDims: true), inputs.DType));

    /// <inheritdoc/>
    public override Node? ComputeMask(Node inputs, Node? mask) => G.Any(G.NotEqual(inputs, MaskValue), -1);
}
