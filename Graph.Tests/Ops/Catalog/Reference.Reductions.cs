using Graph.Core;
using Graph.Ops.Reductions;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddReductions(Dictionary<Type, Kernel> table)
    {
        table[typeof(SumOp)] = (op, x) => Reduce((ReductionOp)op, x[0], v => v.Sum());
        table[typeof(MeanOp)] = (op, x) => Reduce((ReductionOp)op, x[0], v => v.Count == 0 ? double.NaN : v.Sum() / v.Count);
        table[typeof(MaxOp)] = (op, x) => Reduce((ReductionOp)op, x[0], v => v.Count == 0 ? double.NegativeInfinity : v.Max());
        table[typeof(MinOp)] = (op, x) => Reduce((ReductionOp)op, x[0], v => v.Count == 0 ? double.PositiveInfinity : v.Min());
        table[typeof(ProdOp)] = (op, x) => Reduce((ReductionOp)op, x[0], v => v.Aggregate(1.0, (p, e) => p * e));
        table[typeof(AnyOp)] = (op, x) => Reduce((ReductionOp)op, x[0], v => v.Any(e => e != 0) ? 1 : 0);
        table[typeof(AllOp)] = (op, x) => Reduce((ReductionOp)op, x[0], v => v.All(e => e != 0) ? 1 : 0);
        table[typeof(ArgMaxOp)] = (op, x) => ArgReduce(((ArgMaxOp)op).Axis, x[0], (a, b) => a > b);
        table[typeof(ArgMinOp)] = (op, x) => ArgReduce(((ArgMinOp)op).Axis, x[0], (a, b) => a < b);
        table[typeof(ExpandToShapeOp)] = (op, x) =>
        {
            var (g, like) = (x[0], x[1]);
            var reduced = ReducedAxes(((ReductionOp)op).Axes, like.Dims.Length);
            var result = new double[like.Length];
            for (int flat = 0; flat < result.Length; flat++)
                result[flat] = g.Data[ReducedOffset(like.Dims, reduced, flat)];
            return new RefValue(like.Dims, result);
        };
        table[typeof(ReducedCountOp)] = (op, x) =>
        {
            var reduced = ReducedAxes(((ReducedCountOp)op).Axes, x[0].Dims.Length);
            return new RefValue([], [x[0].Dims.Where((_, i) => reduced[i]).Aggregate(1.0, (p, d) => p * d)]);
        };
    }

    /// <summary>Which axes a reduction with these (possibly negative or absent) axes reduces.</summary>
    public static bool[] ReducedAxes(ValueArray<int>? axes, int rank) =>
        Enumerable.Range(0, rank).Select(i => axes is not { } a || a.Any(v => (v + rank) % rank == i)).ToArray();

    /// <summary>Offset, in the reduced value, of full element <paramref name="flat"/> (size-1 kept dims do not matter).</summary>
    private static int ReducedOffset(int[] dims, bool[] reduced, int flat)
    {
        int offset = 0, stride = 1;
        for (int axis = dims.Length - 1; axis >= 0; axis--)
        {
            int index = flat % dims[axis];
            flat /= dims[axis];
            if (reduced[axis]) continue;
            offset += index * stride;
            stride *= dims[axis];
        }
        return offset;
    }

    /// <summary>Naive reduction: gathers each output's elements into a list and applies f.</summary>
    public static RefValue Reduce(ReductionOp op, RefValue x, Func<List<double>, double> f)
    {
        var reduced = ReducedAxes(op.Axes, x.Dims.Length);
        var outDims = x.Dims.Select((d, i) => reduced[i] ? (op.KeepDims ? 1 : -1) : d).Where(d => d >= 0).ToArray();
        int outLength = x.Dims.Where((_, i) => !reduced[i]).Aggregate(1, (p, d) => p * d);
        var groups = Enumerable.Range(0, outLength).Select(_ => new List<double>()).ToArray();
        for (int flat = 0; flat < x.Length; flat++) groups[ReducedOffset(x.Dims, reduced, flat)].Add(x.Data[flat]);
        return new RefValue(outDims, groups.Select(f).ToArray());
    }

    private static RefValue ArgReduce(int axis, RefValue x, Func<double, double, bool> better)
    {
        int rank = x.Dims.Length;
        axis = (axis + rank) % rank;
        var reduced = Enumerable.Range(0, rank).Select(i => i == axis).ToArray();
        var outDims = x.Dims.Where((_, i) => i != axis).ToArray();
        var best = new double[outDims.Aggregate(1, (p, d) => p * d)];
        var bestValue = Enumerable.Repeat(double.NaN, best.Length).ToArray();
        var strides = x.Strides();
        for (int flat = 0; flat < x.Length; flat++)
        {
            int o = ReducedOffset(x.Dims, reduced, flat), k = flat / strides[axis] % x.Dims[axis];
            if (k == 0 || better(x.Data[flat], bestValue[o])) { best[o] = k; bestValue[o] = x.Data[flat]; }
        }
        return new RefValue(outDims, best);
    }
}
