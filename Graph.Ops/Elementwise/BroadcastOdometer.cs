namespace Graph.Ops.Elementwise;

/// <summary>
/// Walks an output index in row-major order like an odometer and keeps the matching offsets of two broadcast
/// operands (strides 0 on their broadcast axes), incrementally and without allocation. Broadcasting kernels,
/// SumToShape and BatchMatMul share it.
/// </summary>
internal ref struct BroadcastOdometer
{
    private readonly ReadOnlySpan<int> _dims;
    private readonly ReadOnlySpan<int> _strideA, _strideB;
    private readonly Span<int> _index;

    /// <summary>Starts at index 0; <paramref name="index"/> is scratch of the output's rank (cleared here).</summary>
    public BroadcastOdometer(ReadOnlySpan<int> dims, ReadOnlySpan<int> strideA, ReadOnlySpan<int> strideB, Span<int> index)
    {
        _dims = dims;
        _strideA = strideA;
        _strideB = strideB;
        _index = index;
        _index.Clear();
        OffsetA = 0;
        OffsetB = 0;
    }

    /// <summary>Offset of the current position in operand A.</summary>
    public int OffsetA { get; private set; }

    /// <summary>Offset of the current position in operand B.</summary>
    public int OffsetB { get; private set; }

    /// <summary>Moves to the next position, counting from axis <paramref name="lastAxis"/> (the rank − 1 for elements, rank − 2 for rows).</summary>
    public void Advance(int lastAxis)
    {
        for (int axis = lastAxis; axis >= 0; axis--)
        {
            OffsetA += _strideA[axis];
            OffsetB += _strideB[axis];
            if (++_index[axis] < _dims[axis]) return;
            OffsetA -= _strideA[axis] * _dims[axis];
            OffsetB -= _strideB[axis] * _dims[axis];
            _index[axis] = 0;
        }
    }
}
