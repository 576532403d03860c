using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Graph.Core;

namespace Graph.Ops.Reductions;

/// <summary>An associative reduction as the kernel walk needs it: identity, scalar combine, and two vector forms.</summary>
internal interface IReducer<T>
{
    /// <summary>The value of an empty reduction.</summary>
    static abstract T Identity { get; }

    /// <summary>Combines two partial results.</summary>
    static abstract T Combine(T a, T b);

    /// <summary>Reduces a non-empty contiguous run.</summary>
    static abstract T ReduceRun(ReadOnlySpan<T> x);

    /// <summary>acc[i] = Combine(acc[i], x[i]).</summary>
    static abstract void CombineRun(Span<T> acc, ReadOnlySpan<T> x);
}

internal readonly struct SumReducer<T> : IReducer<T> where T : INumber<T>
{
    public static T Identity => T.Zero;
    public static T Combine(T a, T b) => a + b;
    public static T ReduceRun(ReadOnlySpan<T> x) => TensorPrimitives.Sum(x);
    public static void CombineRun(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Add(acc, x, acc);
}

internal readonly struct ProdReducer<T> : IReducer<T> where T : INumber<T>
{
    public static T Identity => T.One;
    public static T Combine(T a, T b) => a * b;
    public static T ReduceRun(ReadOnlySpan<T> x) => TensorPrimitives.Product(x);
    public static void CombineRun(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Multiply(acc, x, acc);
}

/// <summary>Max; the empty max is −∞ for floats and the lowest value for integers (TF).</summary>
internal readonly struct MaxReducer<T> : IReducer<T> where T : INumber<T>
{
    public static T Identity => T.CreateSaturating(double.NegativeInfinity);
    public static T Combine(T a, T b) => T.Max(a, b);
    public static T ReduceRun(ReadOnlySpan<T> x) => TensorPrimitives.Max(x);
    public static void CombineRun(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Max(acc, x, acc);
}

/// <summary>Min; the empty min is +∞ for floats and the highest value for integers (TF).</summary>
internal readonly struct MinReducer<T> : IReducer<T> where T : INumber<T>
{
    public static T Identity => T.CreateSaturating(double.PositiveInfinity);
    public static T Combine(T a, T b) => T.Min(a, b);
    public static T ReduceRun(ReadOnlySpan<T> x) => TensorPrimitives.Min(x);
    public static void CombineRun(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Min(acc, x, acc);
}

/// <summary>Logical or over bools (bytes 0/1).</summary>
internal readonly struct AnyReducer : IReducer<bool>
{
    public static bool Identity => false;
    public static bool Combine(bool a, bool b) => a | b;
    public static bool ReduceRun(ReadOnlySpan<bool> x) => MemoryMarshal.AsBytes(x).IndexOfAnyExcept((byte)0) >= 0;
    public static void CombineRun(Span<bool> acc, ReadOnlySpan<bool> x) =>
        TensorPrimitives.BitwiseOr(MemoryMarshal.AsBytes((ReadOnlySpan<bool>)acc), MemoryMarshal.AsBytes(x), MemoryMarshal.AsBytes(acc));
}

/// <summary>Logical and over bools (bytes 0/1).</summary>
internal readonly struct AllReducer : IReducer<bool>
{
    public static bool Identity => true;
    public static bool Combine(bool a, bool b) => a & b;
    public static bool ReduceRun(ReadOnlySpan<bool> x) => MemoryMarshal.AsBytes(x).IndexOfAnyExcept((byte)1) < 0;
    public static void CombineRun(Span<bool> acc, ReadOnlySpan<bool> x) =>
        TensorPrimitives.BitwiseAnd(MemoryMarshal.AsBytes((ReadOnlySpan<bool>)acc), MemoryMarshal.AsBytes(x), MemoryMarshal.AsBytes(acc));
}

/// <summary>Runs a reducer over the marked axes of a dense tensor.</summary>
internal static class Reduction
{
    /// <summary>y = reduce(x) over <paramref name="axes"/>; y is filled with the identity first (empty reductions).</summary>
    public static void Run<T, TReducer>(TensorBuffer x, TensorBuffer y, ValueArray<int>? axes) where TReducer : IReducer<T>
    {
        var visitor = new Visitor<T, TReducer> { X = x.Span<T>(), Y = y.Span<T>() };
        visitor.Y.Fill(TReducer.Identity);
        if (x.Length == 0) return;
        Span<bool> reduced = stackalloc bool[x.Rank];
        ReductionAxes.Mark(axes, x.Rank, reduced);
        ReductionAxes.Walk(x.Dims, reduced, ref visitor);
    }

    private ref struct Visitor<T, TReducer> : ReductionAxes.IRunVisitor where TReducer : IReducer<T>
    {
        public ReadOnlySpan<T> X;
        public Span<T> Y;

        public void Visit(int full, int reduced, int length, bool reducedRun)
        {
            if (reducedRun) Y[reduced] = TReducer.Combine(Y[reduced], TReducer.ReduceRun(X.Slice(full, length)));
            else TReducer.CombineRun(Y.Slice(reduced, length), X.Slice(full, length));
        }
    }
}
