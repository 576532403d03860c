using Graph.Core.Structural;

namespace Graph.Core;

/// <summary>
/// Holds the values of a graph's variables. Values are created lazily from each variable's initializer and seed,
/// so two stores of one graph start identical. Runs read values under <see cref="Lock"/>'s read lock; runs with
/// updates commit all new values under its write lock at once, so no reader sees a half-applied update.
/// </summary>
public sealed class VariableStore
{
    private readonly Dictionary<Node, TensorBuffer> _values = new();
    private readonly object _initGate = new();

    /// <summary>Readers (runs) take the read lock; a commit of several variables takes the write lock.</summary>
    public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.SupportsRecursion);

    /// <summary>The current value of <paramref name="variable"/>, initialized on first use. The buffer is the store's own.</summary>
    /// <exception cref="ArgumentException">the node is not a variable.</exception>
    public TensorBuffer GetBuffer(Node variable)
    {
        var op = variable.Op as VariableOp
            ?? throw new ArgumentException($"'{variable.Name}' is a {variable.Op.Type}, not a variable.");
        lock (_initGate)
        {
            if (_values.TryGetValue(variable, out var existing)) return existing;
            var buffer = TensorBuffer.Zeros(variable.DType, variable.Shape.ToArray());
            op.Initializer.Fill(buffer, op.Seed);
            _values.Add(variable, buffer);
            return buffer;
        }
    }

    /// <summary>A copy of the variable's current value.</summary>
    public TensorBuffer GetValue(Node variable)
    {
        var source = GetBuffer(variable);
        Lock.EnterReadLock();
        try
        {
            var copy = TensorBuffer.Zeros(source.DType, (int[])source.Dims.Clone());
            source.CopyTo(copy);
            return copy;
        }
        finally { Lock.ExitReadLock(); }
    }

    /// <summary>Replaces the variable's value (same dtype and shape), under the write lock.</summary>
    /// <exception cref="ArgumentException">dtype or shape differ; the value is then unchanged.</exception>
    public void SetValue(Node variable, TensorBuffer value)
    {
        var target = GetBuffer(variable);
        if (value.DType != target.DType || !value.Dims.AsSpan().SequenceEqual(target.Dims))
            throw new ArgumentException(
                $"Cannot assign {value.DType.Name()} {Shape.Format(value.Dims)} to variable '{variable.Name}' of type {variable.Type}.");
        Lock.EnterWriteLock();
        try { value.CopyTo(target); }
        finally { Lock.ExitWriteLock(); }
    }

    /// <summary>True once the variable has a value in this store.</summary>
    public bool IsInitialized(Node variable)
    {
        lock (_initGate) return _values.ContainsKey(variable);
    }
}
