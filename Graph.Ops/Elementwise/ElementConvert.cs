using Graph.Core;

namespace Graph.Ops.Elementwise;

/// <summary>
/// Element conversion between dtypes with TF's rules: float→int truncates toward zero, bool is 0/1, a non-zero
/// number is true. Shared by Cast and by the runtime's feed conversion.
/// </summary>
public static class ElementConvert
{
    /// <summary>Converts <paramref name="source"/> into <paramref name="target"/> (same length) with the target's dtype.</summary>
    public static void Copy<T>(ReadOnlySpan<T> source, TensorBuffer target)
    {
        if (source.Length != target.Length)
            throw new ArgumentException($"Cannot convert {source.Length} elements into a buffer of {target.Length}.");
        switch (target.DType)
        {
            case DType.Float32: { var d = target.Span<float>(); for (int i = 0; i < d.Length; i++) d[i] = (float)ToDouble(source[i]); break; }
            case DType.Float64: { var d = target.Span<double>(); for (int i = 0; i < d.Length; i++) d[i] = ToDouble(source[i]); break; }
            case DType.Int32: { var d = target.Span<int>(); for (int i = 0; i < d.Length; i++) d[i] = (int)ToDouble(source[i]); break; }
            case DType.Int64: { var d = target.Span<long>(); for (int i = 0; i < d.Length; i++) d[i] = ToInt64(source[i]); break; }
            default: { var d = target.Span<bool>(); for (int i = 0; i < d.Length; i++) d[i] = ToDouble(source[i]) != 0; break; }
        }
    }

    /// <summary>Converts any buffer into <paramref name="target"/>.</summary>
    public static void Copy(TensorBuffer source, TensorBuffer target)
    {
        if (source.DType == target.DType) { source.CopyTo(target); return; }
        switch (source.DType)
        {
            case DType.Float32: Copy<float>(source.Span<float>(), target); break;
            case DType.Float64: Copy<double>(source.Span<double>(), target); break;
            case DType.Int32: Copy<int>(source.Span<int>(), target); break;
            case DType.Int64: Copy<long>(source.Span<long>(), target); break;
            default: Copy<bool>(source.Span<bool>(), target); break;
        }
    }

    private static double ToDouble<T>(T value) => value switch
    {
        float f => f,
        double d => d,
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new NotSupportedException($"Unsupported element type {typeof(T).Name}."),
    };

    private static long ToInt64<T>(T value) => value switch
    {
        long l => l,
        int i => i,
        _ => (long)ToDouble(value),
    };
}
