using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Graph.Core;
using Graph.Ops.Elementwise;

namespace Graph.Runtime;

/// <summary>
/// A value fed to a placeholder: a <see cref="Tensor{T}"/>, a <see cref="TensorBuffer"/> (rank 0 allowed), or a
/// plain scalar. Implicit conversions let calls read <c>f.Call(batch, 1)</c> without allocating.
/// </summary>
public readonly struct FeedValue
{
    private readonly object? _tensor;
    private readonly double _scalar;

    private FeedValue(object tensor, DType dtype)
    {
        _tensor = tensor;
        DType = dtype;
        IsFed = true;
    }

    private FeedValue(double scalar, DType dtype)
    {
        _scalar = scalar;
        DType = dtype;
        IsFed = true;
    }

    /// <summary>False for <c>default</c>: the input is not fed (Keras: a <c>None</c> value).</summary>
    public bool IsFed { get; }

    /// <summary>Element type of the source value.</summary>
    public DType DType { get; }

    /// <summary>True for a plain scalar.</summary>
    public bool IsScalar => IsFed && _tensor is null;

    /// <summary>The scalar value (plain scalars only).</summary>
    internal double ScalarValue => _scalar;

    /// <summary>Rank of the value (0 for scalars).</summary>
    public int Rank => _tensor switch
    {
        null => 0,
        TensorBuffer b => b.Rank,
        _ => TensorLengths().Length,
    };

    /// <summary>Writes the value's dims into <paramref name="dims"/> (length <see cref="Rank"/>).</summary>
    public void GetDims(Span<int> dims)
    {
        if (_tensor is TensorBuffer b) { b.Dims.CopyTo(dims); return; }
        var lengths = TensorLengths();
        for (int i = 0; i < lengths.Length; i++) dims[i] = checked((int)lengths[i]);
    }

    /// <summary>Element count.</summary>
    public long ElementCount => _tensor switch
    {
        null => 1,
        TensorBuffer b => b.Length,
        _ => Product(TensorLengths()),
    };

    private static long Product(ReadOnlySpan<nint> lengths)
    {
        long n = 1;
        foreach (var l in lengths) n *= l;
        return n;
    }

    private ReadOnlySpan<nint> TensorLengths() => _tensor switch
    {
        Tensor<float> t => t.Lengths,
        Tensor<double> t => t.Lengths,
        Tensor<int> t => t.Lengths,
        Tensor<long> t => t.Lengths,
        Tensor<bool> t => t.Lengths,
        _ => [],
    };

    /// <summary>Copies the value into <paramref name="target"/> (same element count), converting the dtype.</summary>
    internal void CopyTo(TensorBuffer target)
    {
        switch (_tensor)
        {
            case null: ElementConvert.Copy<double>([_scalar], target); break;
            case TensorBuffer b: ElementConvert.Copy(b, target); break;
            case Tensor<float> t: CopyTensor(t, target); break;
            case Tensor<double> t: CopyTensor(t, target); break;
            case Tensor<int> t: CopyTensor(t, target); break;
            case Tensor<long> t: CopyTensor(t, target); break;
            case Tensor<bool> t: CopyTensor(t, target); break;
        }
    }

    private static void CopyTensor<T>(Tensor<T> tensor, TensorBuffer target)
    {
        int length = checked((int)tensor.FlattenedLength);
        if (tensor.IsDense)
        {
            var span = MemoryMarshal.CreateReadOnlySpan(ref tensor.GetPinnableReference(), length);
            if (target.DType == DTypeInfo.Of<T>()) span.CopyTo(target.Span<T>());
            else ElementConvert.Copy(span, target);
            return;
        }
        var dense = new T[length];
        tensor.FlattenTo(dense);
        ElementConvert.Copy<T>(dense, target);
    }

    /// <summary>Short description: dtype and shape.</summary>
    public override string ToString()
    {
        if (!IsFed) return "(not fed)";
        Span<int> dims = stackalloc int[Rank];
        GetDims(dims);
        return $"{DType.Name()} {Shape.Format(dims)}";
    }

    public static implicit operator FeedValue(Tensor<float> t) => new(t, DType.Float32);
    public static implicit operator FeedValue(Tensor<double> t) => new(t, DType.Float64);
    public static implicit operator FeedValue(Tensor<int> t) => new(t, DType.Int32);
    public static implicit operator FeedValue(Tensor<long> t) => new(t, DType.Int64);
    public static implicit operator FeedValue(Tensor<bool> t) => new(t, DType.Bool);
    public static implicit operator FeedValue(TensorBuffer b) => new(b, b.DType);
    public static implicit operator FeedValue(float v) => new(v, DType.Float32);
    public static implicit operator FeedValue(double v) => new(v, DType.Float64);
    public static implicit operator FeedValue(int v) => new(v, DType.Int32);
    public static implicit operator FeedValue(long v) => new(v, DType.Int64);
    public static implicit operator FeedValue(bool v) => new(v ? 1 : 0, DType.Bool);
}
