using Graph.Core;

namespace Graph.Ops.Initializers;

/// <summary>Fills with a given value of the variable's exact dtype and shape (what <c>K.variable(value)</c> does).</summary>
public sealed class ValueInitializer : IInitializer
{
    private readonly TensorBuffer _value;

    /// <summary>Copies <paramref name="value"/>.</summary>
    public ValueInitializer(TensorBuffer value)
    {
        _value = TensorBuffer.Zeros(value.DType, (int[])value.Dims.Clone());
        value.CopyTo(_value);
    }

    /// <inheritdoc/>
    public string Name => "value";

    /// <inheritdoc/>
    public void Fill(TensorBuffer target, ulong seed) => _value.CopyTo(target);
}
