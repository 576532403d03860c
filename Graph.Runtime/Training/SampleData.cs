using System.Numerics.Tensors;
using Graph.Core;

namespace Graph.Runtime.Training;

/// <summary>
/// Arrays of samples (axis 0 is the sample axis) as the training loops see them: converted once to our value
/// type, then gathered batch by batch into reusable buffers (a batch of the same size reuses its buffer).
/// </summary>
public sealed class SampleData
{
    private readonly Dictionary<int, TensorBuffer> _batchBuffers = new();

    /// <summary>Wraps a value whose first axis indexes samples.</summary>
    /// <exception cref="ArgumentException">the value is a scalar.</exception>
    public SampleData(TensorBuffer values)
    {
        if (values.Rank == 0) throw new ArgumentException("Sample arrays need a sample axis; got a scalar.");
        Values = values;
        RowLength = values.Dims[0] == 0 ? 0 : values.Length / values.Dims[0];
    }

    /// <summary>The whole array.</summary>
    public TensorBuffer Values { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Values.Dims[0];

    /// <summary>Elements per sample.</summary>
    public int RowLength { get; }

    /// <summary>Dims of one sample.</summary>
    public int[] SampleDims => Values.Dims[1..];

    public static implicit operator SampleData(TensorBuffer values) => new(values);
    public static implicit operator SampleData(Tensor<float> values) => new(Convert(values));
    public static implicit operator SampleData(Tensor<double> values) => new(Convert(values));
    public static implicit operator SampleData(Tensor<int> values) => new(Convert(values));
    public static implicit operator SampleData(Tensor<long> values) => new(Convert(values));

    private static TensorBuffer Convert<T>(Tensor<T> values)
    {
        var dims = new int[values.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = checked((int)values.Lengths[i]);
        var buffer = TensorBuffer.Zeros(DTypeInfo.Of<T>(), dims);
        values.FlattenTo(buffer.Span<T>());
        return buffer;
    }

    /// <summary>The rows <paramref name="indices"/>[start..start+count) gathered into a buffer reused for that count.</summary>
    public TensorBuffer Gather(ReadOnlySpan<int> indices)
    {
        if (!_batchBuffers.TryGetValue(indices.Length, out var batch))
        {
            var dims = (int[])Values.Dims.Clone();
            dims[0] = indices.Length;
            _batchBuffers[indices.Length] = batch = TensorBuffer.Zeros(Values.DType, dims);
        }
        for (int i = 0; i < indices.Length; i++)
            Array.Copy(Values.Data, (long)indices[i] * RowLength, batch.Data, (long)i * RowLength, RowLength);
        return batch;
    }

    /// <summary>A new array of the rows in [start, start + count).</summary>
    public SampleData Rows(int start, int count)
    {
        var dims = (int[])Values.Dims.Clone();
        dims[0] = count;
        var buffer = TensorBuffer.Zeros(Values.DType, dims);
        Array.Copy(Values.Data, (long)start * RowLength, buffer.Data, 0, (long)count * RowLength);
        return new SampleData(buffer);
    }
}
