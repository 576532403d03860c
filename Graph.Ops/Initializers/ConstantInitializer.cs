using Graph.Core;

namespace Graph.Ops.Initializers;

/// <summary>Fills with one value (Keras <c>constant</c>, and <c>zeros</c>/<c>ones</c>), converted to the variable's dtype.</summary>
public sealed class ConstantInitializer(double value, string name = "constant") : IInitializer
{
    /// <summary>Keras <c>zeros</c>.</summary>
    public static ConstantInitializer Zeros { get; } = new(0, "zeros");

    /// <summary>Keras <c>ones</c>.</summary>
    public static ConstantInitializer Ones { get; } = new(1, "ones");

    /// <summary>The fill value.</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public void Fill(TensorBuffer target, ulong seed)
    {
        switch (target.DType)
        {
            case DType.Float32: target.Span<float>().Fill((float)Value); break;
            case DType.Float64: target.Span<double>().Fill(Value); break;
            case DType.Int32: target.Span<int>().Fill((int)Value); break;
            case DType.Int64: target.Span<long>().Fill((long)Value); break;
            default: target.Span<bool>().Fill(Value != 0); break;
        }
    }
}
