namespace Graph.Core;

/// <summary>Element type of a tensor value. <see cref="Float32"/> is the default (<c>K.FloatX</c>).</summary>
public enum DType : byte
{
    Float32,
    Float64,
    Int32,
    Int64,
    Bool,
}

/// <summary>Facts about a <see cref="DType"/>: size, category, name, and the CLR element type that stores it.</summary>
public static class DTypeInfo
{
    /// <summary>Bytes per element (bool is stored as one byte).</summary>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        _ => 1,
    };

    /// <summary>True for float32 and float64, the differentiable types.</summary>
    public static bool IsFloating(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>True for int32 and int64.</summary>
    public static bool IsInteger(this DType dtype) => dtype is DType.Int32 or DType.Int64;

    /// <summary>The numpy/TF spelling: <c>float32</c>, <c>int64</c>, <c>bool</c>.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        _ => "bool",
    };

    /// <summary>The CLR element type that holds values of <paramref name="dtype"/>.</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        _ => typeof(bool),
    };

    /// <summary>The dtype stored in CLR type <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">T is not one of float, double, int, long, bool.</exception>
    public static DType Of<T>()
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"Element type {typeof(T).Name} has no graph dtype (use float, double, int, long or bool).");
    }

    /// <summary>Allocates a zeroed array of <paramref name="length"/> elements of <paramref name="dtype"/>.</summary>
    public static Array NewArray(this DType dtype, int length) => dtype switch
    {
        DType.Float32 => new float[length],
        DType.Float64 => new double[length],
        DType.Int32 => new int[length],
        DType.Int64 => new long[length],
        _ => new bool[length],
    };
}
