using Graph.Core;

namespace Graph.Tests.Ops.Catalog;

/// <summary>A naive reference value: dims and elements in double (bool as 0/1).</summary>
public sealed record RefValue(int[] Dims, double[] Data)
{
    public int Length => Data.Length;

    public static RefValue From(TensorBuffer b)
    {
        var data = new double[b.Length];
        for (int i = 0; i < data.Length; i++) data[i] = Convert.ToDouble(b.Data.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        return new RefValue((int[])b.Dims.Clone(), data);
    }

    /// <summary>Row-major strides.</summary>
    public int[] Strides()
    {
        var s = new int[Dims.Length];
        int stride = 1;
        for (int i = Dims.Length - 1; i >= 0; i--) { s[i] = stride; stride *= Dims[i]; }
        return s;
    }

    /// <summary>Element at a multi-index (row-major).</summary>
    public double At(params int[] index)
    {
        var strides = Strides();
        int off = 0;
        for (int i = 0; i < index.Length; i++) off += index[i] * strides[i];
        return Data[off];
    }
}

/// <summary>
/// Naive scalar references for the catalog's forward checks, one explicit table keyed by op type. Families add
/// their entries in their own part file by implementing a partial method, so adding an op never edits this file.
/// </summary>
public static partial class Reference
{
    public delegate RefValue Kernel(Op op, RefValue[] inputs);

    /// <summary>Op types checked by property tests instead of a scalar reference (random draws).</summary>
    public static readonly HashSet<Type> PropertyTested = new();

    // Declared after PropertyTested: static fields initialize in order, and building the table fills that set.
    private static readonly Dictionary<Type, Kernel> Table = BuildTable();

    public static bool TryGet(Type opType, out Kernel kernel) => Table.TryGetValue(opType, out kernel!);

    private static Dictionary<Type, Kernel> BuildTable()
    {
        var table = new Dictionary<Type, Kernel>();
        AddStructural(table);
        AddElementwise(table);
        AddReductions(table);
        AddShapes(table);
        AddLinalg(table);
        AddNeuralNet(table);
        AddConvolution(table);
        AddRandom(table);
        AddLoop(table);
        AddRecurrent(table);
        AddOptimizers(table);
        return table;
    }

    static partial void AddStructural(Dictionary<Type, Kernel> table);
    static partial void AddElementwise(Dictionary<Type, Kernel> table);
    static partial void AddReductions(Dictionary<Type, Kernel> table);
    static partial void AddShapes(Dictionary<Type, Kernel> table);
    static partial void AddLinalg(Dictionary<Type, Kernel> table);
    static partial void AddNeuralNet(Dictionary<Type, Kernel> table);
    static partial void AddConvolution(Dictionary<Type, Kernel> table);
    static partial void AddRandom(Dictionary<Type, Kernel> table);
    static partial void AddLoop(Dictionary<Type, Kernel> table);
    static partial void AddRecurrent(Dictionary<Type, Kernel> table);
    static partial void AddOptimizers(Dictionary<Type, Kernel> table);

    /// <summary>Elementwise map of one value.</summary>
    public static RefValue Map(RefValue x, Func<double, double> f) => new(x.Dims, x.Data.Select(f).ToArray());

    /// <summary>numpy broadcast of a and b, then f on each pair.</summary>
    public static RefValue Broadcast(RefValue a, RefValue b, Func<double, double, double> f)
    {
        int rank = Math.Max(a.Dims.Length, b.Dims.Length);
        int Dim(int[] d, int axis) => axis < rank - d.Length ? 1 : d[axis - (rank - d.Length)];
        var dims = Enumerable.Range(0, rank).Select(i => Dim(a.Dims, i) == 1 ? Dim(b.Dims, i) : Dim(a.Dims, i)).ToArray();
        int total = dims.Aggregate(1, (p, d) => p * d);
        var result = new double[total];
        var index = new int[rank];
        for (int flat = 0; flat < total; flat++)
        {
            int rem = flat;
            for (int axis = rank - 1; axis >= 0; axis--) { index[axis] = rem % dims[axis]; rem /= dims[axis]; }
            result[flat] = f(a.Data[Offset(a, index, rank)], b.Data[Offset(b, index, rank)]);
        }
        return new RefValue(dims, result);
    }

    /// <summary>Offset in <paramref name="v"/> of an output index under broadcasting.</summary>
    public static int Offset(RefValue v, int[] outIndex, int outRank)
    {
        int off = 0, stride = 1;
        for (int axis = v.Dims.Length - 1; axis >= 0; axis--)
        {
            int outAxis = axis + outRank - v.Dims.Length;
            off += (v.Dims[axis] == 1 ? 0 : outIndex[outAxis]) * stride;
            stride *= v.Dims[axis];
        }
        return off;
    }
}
