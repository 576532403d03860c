using System.Runtime.CompilerServices;

namespace Graph.Core;

/// <summary>
/// A concrete value as kernels see it: a backing array (possibly longer than the value, when an arena slot is
/// shared by values of different sizes), the element type and the concrete dimensions, row-major and dense.
/// Kernels read their inputs and write their preallocated output through <see cref="Span{T}"/>.
/// </summary>
public sealed class TensorBuffer
{
    /// <summary>Wraps <paramref name="data"/>; it must hold at least the product of <paramref name="dims"/> elements.</summary>
    /// <exception cref="ArgumentException">the array's element type is not the dtype's or it is too short.</exception>
    public TensorBuffer(DType dtype, int[] dims, Array data)
    {
        long length = 1;
        foreach (int d in dims) length *= d;
        bool matches = dtype switch
        {
            DType.Float32 => data is float[],
            DType.Float64 => data is double[],
            DType.Int32 => data is int[],
            DType.Int64 => data is long[],
            _ => data is bool[],
        };
        if (!matches)
            throw new ArgumentException($"A {dtype.Name()} buffer cannot wrap a {data.GetType().Name} array.");
        if (length > data.Length)
            throw new ArgumentException($"Buffer of shape {Shape.Format(dims)} needs {length} elements; the array has {data.Length}.");
        DType = dtype;
        Dims = dims;
        Data = data;
        Length = (int)length;
    }

    /// <summary>A new zeroed buffer of the given type and shape.</summary>
    public static TensorBuffer Zeros(DType dtype, params int[] dims)
    {
        long length = 1;
        foreach (int d in dims) length *= d;
        return new TensorBuffer(dtype, dims, dtype.NewArray(checked((int)length)));
    }

    /// <summary>A float32/float64/int/long/bool buffer copying <paramref name="values"/>.</summary>
    public static TensorBuffer From<T>(ReadOnlySpan<T> values, params int[] dims)
    {
        var buffer = Zeros(DTypeInfo.Of<T>(), dims);
        if (values.Length != buffer.Length)
            throw new ArgumentException($"{values.Length} values do not fill shape {Shape.Format(dims)}.");
        values.CopyTo(buffer.Span<T>());
        return buffer;
    }

    /// <summary>Element type.</summary>
    public DType DType { get; }

    /// <summary>Concrete dimensions (row-major). Do not modify.</summary>
    public int[] Dims { get; }

    /// <summary>Number of elements of the value (not of the backing array).</summary>
    public int Length { get; }

    /// <summary>Backing array, of the dtype's CLR type.</summary>
    public Array Data { get; }

    /// <summary>Rank of the value.</summary>
    public int Rank => Dims.Length;

    /// <summary>The value's elements. <typeparamref name="T"/> must be the dtype's CLR type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Span<T>() => new((T[])Data, 0, Length);

    /// <summary>The value's shape as a <see cref="Shape"/>.</summary>
    public Shape Shape => Shape.Of(Dims);

    /// <summary>Copies this value's elements into <paramref name="target"/>, which must have the same dtype and length.</summary>
    public void CopyTo(TensorBuffer target)
    {
        if (target.DType != DType || target.Length != Length)
            throw new ArgumentException($"Cannot copy {DType.Name()} {Shape.Format(Dims)} into {target.DType.Name()} {Shape.Format(target.Dims)}.");
        // Typed span copies: cheaper than Array.Copy's runtime type checks on the per-call paths.
        switch (DType)
        {
            case DType.Float32: Span<float>().CopyTo(target.Span<float>()); break;
            case DType.Float64: Span<double>().CopyTo(target.Span<double>()); break;
            case DType.Int32: Span<int>().CopyTo(target.Span<int>()); break;
            case DType.Int64: Span<long>().CopyTo(target.Span<long>()); break;
            default: Span<bool>().CopyTo(target.Span<bool>()); break;
        }
    }

    /// <summary>True when both hold the same dtype, dims and elements.</summary>
    public bool ContentEquals(TensorBuffer other)
    {
        if (other.DType != DType || !Dims.AsSpan().SequenceEqual(other.Dims)) return false;
        for (int i = 0; i < Length; i++)
            if (!Equals(Data.GetValue(i), other.Data.GetValue(i))) return false;
        return true;
    }

    /// <summary>A content hash over dtype, dims and at most the first 16 elements.</summary>
    public int ContentHash()
    {
        var h = new HashCode();
        h.Add(DType);
        foreach (int d in Dims) h.Add(d);
        for (int i = 0; i < Math.Min(Length, 16); i++) h.Add(Data.GetValue(i));
        return h.ToHashCode();
    }

    /// <summary>Short description: dtype, shape and up to 6 elements.</summary>
    public override string ToString()
    {
        var items = Enumerable.Range(0, Math.Min(Length, 6))
            .Select(i => Convert.ToString(Data.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
        return $"{DType.Name()} {Shape.Format(Dims)} [{string.Join(", ", items)}{(Length > 6 ? ", ..." : "")}]";
    }
}
