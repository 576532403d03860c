using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Dropout(rate, noise_shape, seed)</c>: inverted dropout in training (kept values scaled by
/// <c>1/(1 − rate)</c>), the identity otherwise. The rate must be in [0, 1) (tf.keras); 0 is the identity with no
/// learning-phase use. A null entry of <see cref="NoiseShape"/> takes the input's size; a 1 shares one draw along
/// that axis. <see cref="Layer.Trainable"/> does not change the behaviour. Supports masking.
/// </summary>
public class Dropout : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["rate"] = Rate;
        config["noise_shape"] = ConfigJson.Dims(NoiseShape);
        config["seed"] = Seed;
    }

    /// <summary>A dropout layer.</summary>
    /// <exception cref="ArgumentException">rate outside [0, 1).</exception>
    public Dropout(double rate, int?[]? noiseShape = null, int? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentException($"Invalid value {rate} received for `rate`, expected a value in the range [0, 1).", nameof(rate));
        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
        SupportsMasking = true;
    }

    /// <summary>Fraction of the inputs dropped in training.</summary>
    public double Rate { get; }

    /// <summary>The shape of the keep mask (null entries take the input's dimension), or null for the input's shape.</summary>
    public int?[]? NoiseShape { get; }

    /// <summary>Op seed of the mask, or null for the next graph-level op seed.</summary>
    public int? Seed { get; }

    /// <summary>The mask shape for <paramref name="inputs"/>.</summary>
    protected virtual int?[]? NoiseShapeFor(Node inputs) => NoiseShape;

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        G.Dropout(inputs, Rate, NoiseShapeFor(inputs), Seed, training);
}

/// <summary>
/// Keras's <c>SpatialDropout1D</c>: drops whole feature maps of <c>(batch, steps, channels)</c> inputs (noise shape
/// <c>(batch, 1, channels)</c>).
/// </summary>
public sealed class SpatialDropout1D : Dropout
{
    /// <summary>A spatial dropout layer for rank-3 inputs.</summary>
    public SpatialDropout1D(double rate, int? seed = null, string? name = null) : base(rate, null, seed, name) =>
        InputSpec = new InputSpec(ndim: 3);

    /// <inheritdoc/>
    protected override int?[] NoiseShapeFor(Node inputs) => [null, 1, null];
}

/// <summary>
/// Keras's <c>SpatialDropout2D</c> (channels_last): drops whole feature maps of <c>(batch, rows, cols, channels)</c>
/// inputs (noise shape <c>(batch, 1, 1, channels)</c>).
/// </summary>
public sealed class SpatialDropout2D : Dropout
{
    /// <summary>A spatial dropout layer for rank-4 inputs.</summary>
    public SpatialDropout2D(double rate, int? seed = null, string? name = null) : base(rate, null, seed, name) =>
        InputSpec = new InputSpec(ndim: 4);

    /// <inheritdoc/>
    protected override int?[] NoiseShapeFor(Node inputs) => [null, 1, 1, null];
}
