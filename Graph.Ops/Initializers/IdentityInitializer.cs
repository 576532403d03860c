using Graph.Core;

namespace Graph.Ops.Initializers;

/// <summary>
/// Keras <c>Identity(gain=1)</c> for 2-D variables: <c>gain</c> on the main diagonal, zeros elsewhere. A
/// rectangular matrix gets the diagonal of its leading square, as tf.keras's <c>gain·eye(rows, cols)</c> (Keras
/// 2.2.4 rejected non-square shapes).
/// </summary>
public sealed class IdentityInitializer(double gain = 1.0) : Initializer
{
    /// <summary>The diagonal value.</summary>
    public double Gain { get; } = gain;

    /// <inheritdoc/>
    public override string Name => "identity";

    /// <inheritdoc/>
    public override string ClassName => "Identity";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Config => new Dictionary<string, object> { ["gain"] = Gain };

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">not a float variable, or not 2-D (tf.keras's wording).</exception>
    public override void Validate(DType dtype, ReadOnlySpan<int> dims)
    {
        base.Validate(dtype, dims);
        if (dims.Length != 2)
            throw new ArgumentException($"Identity matrix initializer can only be used for 2D matrices; got shape {Shape.Format(dims)}.");
    }

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed)
    {
        values.Clear();
        for (int i = 0; i < Math.Min(dims[0], dims[1]); i++) values[i * dims[1] + i] = Gain;
    }
}
