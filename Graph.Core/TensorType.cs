namespace Graph.Core;

/// <summary>The static type of a value: element type and (possibly partial) shape.</summary>
public readonly record struct TensorType(DType DType, Shape Shape)
{
    /// <summary><c>float32 (?, 10)</c>.</summary>
    public override string ToString() => $"{DType.Name()} {Shape}";
}
