using System.Collections;

namespace Graph.Core;

/// <summary>
/// An immutable array compared by content. Op attributes that are arrays (axes, noise shapes) use it so that an
/// op record's generated equality is structural, which CSE relies on.
/// </summary>
public readonly struct ValueArray<T> : IEquatable<ValueArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    /// <summary>Copies <paramref name="items"/>.</summary>
    public ValueArray(IEnumerable<T> items) => _items = items.ToArray();

    /// <summary>Number of items.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>Item <paramref name="index"/>.</summary>
    public T this[int index] => (_items ?? [])[index];

    /// <summary>The items as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <inheritdoc/>
    public bool Equals(ValueArray<T> other) =>
        ((ReadOnlySpan<T>)_items).SequenceEqual(other._items, EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var item in _items ?? []) h.Add(item);
        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>[1, 2, 3]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", _items ?? []) + "]";

    public static bool operator ==(ValueArray<T> a, ValueArray<T> b) => a.Equals(b);
    public static bool operator !=(ValueArray<T> a, ValueArray<T> b) => !a.Equals(b);
    public static implicit operator ValueArray<T>(T[] items) => new(items);
}
