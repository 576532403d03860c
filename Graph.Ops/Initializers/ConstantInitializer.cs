using Graph.Core;

namespace Graph.Ops.Initializers;

/// <summary>
/// Fills with one value, converted to the variable's dtype (any dtype): Keras <c>Constant(value)</c>, and
/// <c>zeros</c>/<c>ones</c> (<see cref="Zeros"/>, <see cref="Ones"/>). Bool variables get <c>value != 0</c>.
/// </summary>
public sealed class ConstantInitializer : Initializer
{
    private ConstantInitializer(double value, string name, string className)
    {
        Value = value;
        Name = name;
        ClassName = className;
    }

    /// <summary>Keras <c>Constant(value=0)</c>.</summary>
    public ConstantInitializer(double value = 0) : this(value, "constant", "Constant") { }

    /// <summary>Keras <c>zeros</c> (TF1's default for integer and bool variables).</summary>
    public static ConstantInitializer Zeros { get; } = new(0, "zeros", "Zeros");

    /// <summary>Keras <c>ones</c>.</summary>
    public static ConstantInitializer Ones { get; } = new(1, "ones", "Ones");

    /// <summary>The fill value.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override string ClassName { get; }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Config =>
        ClassName == "Constant" ? new Dictionary<string, object> { ["value"] = Value } : new Dictionary<string, object>();

    /// <summary>Every dtype can hold a constant.</summary>
    public override void Validate(DType dtype, ReadOnlySpan<int> dims) { }

    /// <inheritdoc/>
    public override void Fill(TensorBuffer target, ulong seed)
    {
        switch (target.DType)
        {
            case DType.Float32: target.Span<float>().Fill((float)Value); break;
            case DType.Float64: target.Span<double>().Fill(Value); break;
            case DType.Int32: target.Span<int>().Fill(checked((int)Value)); break;
            case DType.Int64: target.Span<long>().Fill(checked((long)Value)); break;
            default: target.Span<bool>().Fill(Value != 0); break;
        }
    }

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed) => values.Fill(Value);
}
