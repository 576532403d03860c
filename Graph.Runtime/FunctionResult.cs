using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Runtime;

/// <summary>
/// The outputs of one call, in order. Outputs may mix dtypes and ranks, so accessors are typed:
/// <c>result[i]</c> is a float32 <see cref="Tensor{T}"/>, <see cref="Get{T}"/> any dtype, <see cref="Scalar{T}"/>
/// a rank-0 output as a plain value (System.Numerics.Tensors has no rank-0 tensor).
/// </summary>
public sealed class FunctionResult
{
    private readonly TensorBuffer[] _outputs;

    internal FunctionResult(TensorBuffer[] outputs) => _outputs = outputs;

    /// <summary>Number of outputs.</summary>
    public int Count => _outputs.Length;

    /// <summary>Output <paramref name="index"/> as a float32 tensor.</summary>
    public Tensor<float> this[int index] => Get<float>(index);

    /// <summary>Output <paramref name="index"/> as our value type (any rank, any dtype).</summary>
    public TensorBuffer Buffer(int index) => _outputs[index];

    /// <summary>Output <paramref name="index"/> as a tensor of <typeparamref name="T"/> (no copy).</summary>
    /// <exception cref="InvalidOperationException">the dtype differs, or the output is a scalar.</exception>
    public Tensor<T> Get<T>(int index)
    {
        var b = _outputs[index];
        if (b.DType != DTypeInfo.Of<T>())
            throw new InvalidOperationException($"Output {index} is {b.DType.Name()} {Shape.Format(b.Dims)}, not {DTypeInfo.Of<T>().Name()}.");
        if (b.Rank == 0)
            throw new InvalidOperationException($"Output {index} is a scalar; read it with Scalar<{typeof(T).Name}>({index}).");
        var lengths = new nint[b.Rank];
        for (int i = 0; i < lengths.Length; i++) lengths[i] = b.Dims[i];
        return Tensor.Create((T[])b.Data, lengths);
    }

    /// <summary>A single-element output as a plain value.</summary>
    public T Scalar<T>(int index)
    {
        var b = _outputs[index];
        if (b.DType != DTypeInfo.Of<T>() || b.Length != 1)
            throw new InvalidOperationException($"Output {index} is {b.DType.Name()} {Shape.Format(b.Dims)}, not a single {DTypeInfo.Of<T>().Name()}.");
        return b.Span<T>()[0];
    }
}
