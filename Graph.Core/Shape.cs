using System.Text;

namespace Graph.Core;

/// <summary>
/// An immutable tensor shape. Rank 0 is a scalar. A dimension may be unknown (<c>null</c>, printed <c>?</c>),
/// as the batch dimension of a placeholder usually is; concrete values always have fully known shapes.
/// </summary>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int[] _dims; // -1 marks an unknown dimension

    /// <summary>The scalar shape <c>()</c>.</summary>
    public static readonly Shape Scalar = new(Array.Empty<int>(), copy: false);

    /// <summary>A shape from dimensions; <c>null</c> is an unknown dimension.</summary>
    /// <exception cref="ArgumentException">a dimension is negative.</exception>
    public Shape(params int?[] dims)
    {
        _dims = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            int? d = dims[i];
            if (d < 0) throw new ArgumentException($"Dimension {i} of shape is {d}; dimensions must be >= 0 or null (unknown).");
            _dims[i] = d ?? -1;
        }
    }

    private Shape(int[] dims, bool copy) => _dims = copy ? (int[])dims.Clone() : dims;

    /// <summary>A fully known shape from concrete dimensions.</summary>
    public static Shape Of(params int[] dims)
    {
        foreach (int d in dims)
            if (d < 0) throw new ArgumentException($"Shape ({string.Join(", ", dims)}) has a negative dimension.");
        return new Shape(dims, copy: true);
    }

    internal static Shape Wrap(int[] dimsWithUnknownAsMinusOne) => new(dimsWithUnknownAsMinusOne, copy: false);

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Dimension <paramref name="axis"/>, <c>null</c> when unknown. Negative axes count from the end.</summary>
    public int? this[int axis]
    {
        get
        {
            int d = _dims[NormalizeAxis(axis)];
            return d < 0 ? null : d;
        }
    }

    /// <summary>True when every dimension is known.</summary>
    public bool IsFullyDefined => Array.IndexOf(_dims, -1) < 0;

    /// <summary>Product of the dimensions (1 for a scalar); <c>null</c> if any is unknown.</summary>
    public long? ElementCount
    {
        get
        {
            long n = 1;
            foreach (int d in _dims)
            {
                if (d < 0) return null;
                n *= d;
            }
            return n;
        }
    }

    /// <summary>The dimensions with unknown ones as <c>null</c>.</summary>
    public int?[] Dims => _dims.Select(d => d < 0 ? (int?)null : d).ToArray();

    /// <summary>The concrete dimensions.</summary>
    /// <exception cref="InvalidOperationException">a dimension is unknown.</exception>
    public int[] ToArray()
    {
        if (!IsFullyDefined) throw new InvalidOperationException($"Shape {this} is not fully defined.");
        return (int[])_dims.Clone();
    }

    internal ReadOnlySpan<int> RawDims => _dims;

    /// <summary>Maps a possibly negative axis into [0, rank).</summary>
    /// <exception cref="ArgumentOutOfRangeException">the axis is outside [-rank, rank).</exception>
    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for shape {this} of rank {Rank}.");
        return a;
    }

    /// <summary>True when <paramref name="concrete"/> fits this shape: same rank, and equal wherever this dimension is known.</summary>
    public bool IsCompatibleWith(ReadOnlySpan<int> concrete)
    {
        if (concrete.Length != _dims.Length) return false;
        for (int i = 0; i < _dims.Length; i++)
            if (_dims[i] >= 0 && _dims[i] != concrete[i]) return false;
        return true;
    }

    /// <summary>
    /// The numpy broadcast of two shapes: aligned from the right, each pair must be equal or contain a 1; an unknown
    /// dimension against 1 stays unknown, against a known d &gt; 1 becomes d.
    /// </summary>
    /// <returns>The broadcast shape, or <c>null</c> when the shapes are incompatible.</returns>
    public static Shape? TryBroadcast(Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a._dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b._dims[i - (rank - b.Rank)];
            if (da == db) dims[i] = da;
            else if (da == 1) dims[i] = db;
            else if (db == 1) dims[i] = da;
            else if (da < 0) dims[i] = db;
            else if (db < 0) dims[i] = da;
            else return null;
        }
        return new Shape(dims, copy: false);
    }

    /// <summary>The shape with dimension <paramref name="axis"/> replaced.</summary>
    public Shape WithDim(int axis, int? value)
    {
        var dims = (int[])_dims.Clone();
        dims[NormalizeAxis(axis)] = value ?? -1;
        return new Shape(dims, copy: false);
    }

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Numpy style: <c>()</c>, <c>(3,)</c>, <c>(?, 10)</c>.</summary>
    public override string ToString() => Format(_dims);

    /// <summary>Formats dimensions as a shape (<c>-1</c> prints as <c>?</c>).</summary>
    public static string Format(ReadOnlySpan<int> dims)
    {
        if (dims.Length == 1) return dims[0] < 0 ? "(?,)" : $"({dims[0]},)";
        var sb = new StringBuilder("(");
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(dims[i] < 0 ? "?" : dims[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.Append(')').ToString();
    }
}
