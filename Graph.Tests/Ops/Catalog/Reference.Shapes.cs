using Graph.Ops.Shapes;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddShapes(Dictionary<Type, Kernel> table)
    {
        table[typeof(ShapeOfOp)] = (_, x) => new RefValue([x[0].Dims.Length], x[0].Dims.Select(d => (double)d).ToArray());
        table[typeof(ReshapeOp)] = (op, x) =>
        {
            var target = ((ReshapeOp)op).Target.ToArray();
            int known = target.Where(d => d >= 0).Aggregate(1, (p, d) => p * d);
            return new RefValue(target.Select(d => d < 0 ? x[0].Length / known : d).ToArray(), x[0].Data);
        };
        table[typeof(ReshapeLikeOp)] = (_, x) => new RefValue(x[1].Dims, x[0].Data);
        table[typeof(ExpandDimsOp)] = (op, x) =>
        {
            var dims = x[0].Dims.ToList();
            int axis = ((ExpandDimsOp)op).Axis;
            dims.Insert(axis < 0 ? axis + dims.Count + 1 : axis, 1);
            return new RefValue([.. dims], x[0].Data);
        };
        table[typeof(SqueezeOp)] = (op, x) =>
        {
            var axes = ((SqueezeOp)op).Axes.Select(a => a < 0 ? a + x[0].Dims.Length : a).ToHashSet();
            return new RefValue(x[0].Dims.Where((_, i) => !axes.Contains(i)).ToArray(), x[0].Data);
        };
        table[typeof(FlattenOp)] = (_, x) => new RefValue([x[0].Dims[0], x[0].Dims.Skip(1).Aggregate(1, (p, d) => p * d)], x[0].Data);
        table[typeof(IdentityOp)] = (_, x) => x[0];
        table[typeof(TransposeOp)] = (op, x) =>
        {
            var perm = ((TransposeOp)op).Perm.Select(p => p < 0 ? p + x[0].Dims.Length : p).ToArray();
            var dims = perm.Select(p => x[0].Dims[p]).ToArray();
            return Generate(dims, i => x[0].At(Enumerable.Range(0, perm.Length).Select(k => i[Array.IndexOf(perm, k)]).ToArray()));
        };
        table[typeof(ConcatOp)] = (op, x) =>
        {
            int axis = NormalizeAxis(((ConcatOp)op).Axis, x[0].Dims.Length);
            var dims = (int[])x[0].Dims.Clone();
            dims[axis] = x.Sum(v => v.Dims[axis]);
            return Generate(dims, i =>
            {
                int part = 0, k = i[axis];
                while (k >= x[part].Dims[axis]) k -= x[part++].Dims[axis];
                var j = (int[])i.Clone();
                j[axis] = k;
                return x[part].At(j);
            });
        };
        table[typeof(ConcatSliceOp)] = (op, x) =>
        {
            var cs = (ConcatSliceOp)op;
            int axis = NormalizeAxis(cs.Axis, x[0].Dims.Length);
            int offset = x.Skip(1).Take(cs.Index).Sum(v => v.Dims[axis]);
            return Generate(x[1 + cs.Index].Dims, i =>
            {
                var j = (int[])i.Clone();
                j[axis] += offset;
                return x[0].At(j);
            });
        };
        table[typeof(StridedSliceOp)] = (op, x) =>
        {
            var (dims, picks) = PythonSlice(((StridedSliceOp)op).Spec, x[0].Dims);
            return Generate(dims, i => x[0].At(picks(i)));
        };
        table[typeof(StridedSliceGradOp)] = (op, x) =>
        {
            var (dims, picks) = PythonSlice(((StridedSliceGradOp)op).Spec, x[1].Dims);
            var result = new double[x[1].Length];
            var strides = x[1].Strides();
            ForEachIndex(dims, (flat, i) => result[picks(i).Select((v, k) => v * strides[k]).Sum()] = x[0].Data[flat]);
            return new RefValue(x[1].Dims, result);
        };
        AddIndexing(table);
        AddPadding(table);
    }

    internal static int NormalizeAxis(int axis, int rank) => axis < 0 ? axis + rank : axis;

    /// <summary>A value of <paramref name="dims"/> whose element at each multi-index is <paramref name="f"/>(index).</summary>
    internal static RefValue Generate(int[] dims, Func<int[], double> f)
    {
        var data = new double[dims.Aggregate(1, (p, d) => p * d)];
        ForEachIndex(dims, (flat, i) => data[flat] = f(i));
        return new RefValue(dims, data);
    }

    /// <summary>Calls <paramref name="f"/>(flat, multi-index) for every element of <paramref name="dims"/> in row-major order.</summary>
    internal static void ForEachIndex(int[] dims, Action<int, int[]> f)
    {
        int total = dims.Aggregate(1, (p, d) => p * d);
        var index = new int[dims.Length];
        for (int flat = 0; flat < total; flat++)
        {
            int rem = flat;
            for (int k = dims.Length - 1; k >= 0; k--) { index[k] = rem % dims[k]; rem /= dims[k]; }
            f(flat, index);
        }
    }

    /// <summary>
    /// The slice as Python would index: <c>x[spec]</c> with each sparse entry an Ellipsis, None (new axis), an int
    /// (shrink) or a <c>slice(begin?, end?, stride)</c> resolved by Python's <c>slice.indices</c>. Returns the result's
    /// dims and, for a result index, the input index it reads.
    /// </summary>
    internal static (int[] Dims, Func<int[], int[]> Picks) PythonSlice(SliceSpec s, int[] inDims)
    {
        int n = s.Begin.Count;
        bool Bit(int mask, int i) => (mask & (1 << i)) != 0;
        var entries = Enumerable.Range(0, n).ToList();
        if (!Enumerable.Range(0, n).Any(i => Bit(s.EllipsisMask, i))) entries.Add(-1);     // implied trailing ellipsis
        int named = Enumerable.Range(0, n).Count(i => !Bit(s.EllipsisMask, i) && !Bit(s.NewAxisMask, i));
        var outDims = new List<int>();
        var sources = new List<Func<int[], int>>();   // per input axis: the input index for a result index
        int axis = 0;
        foreach (int e in entries)
        {
            if (e < 0 || Bit(s.EllipsisMask, e))
            {
                for (int k = 0; k < inDims.Length - named; k++, axis++)
                {
                    int outPos = outDims.Count;
                    outDims.Add(inDims[axis]);
                    sources.Add(i => i[outPos]);
                }
            }
            else if (Bit(s.NewAxisMask, e)) outDims.Add(1);
            else if (Bit(s.ShrinkAxisMask, e))
            {
                int b = s.Begin[e] < 0 ? s.Begin[e] + inDims[axis] : s.Begin[e];
                sources.Add(_ => b);
                axis++;
            }
            else
            {
                var range = PythonRange(Bit(s.BeginMask, e) ? null : s.Begin[e], Bit(s.EndMask, e) ? null : s.End[e], s.Strides[e], inDims[axis]);
                int outPos = outDims.Count;
                outDims.Add(range.Length);
                sources.Add(i => range[i[outPos]]);
                axis++;
            }
        }
        return ([.. outDims], i => sources.Select(f => f(i)).ToArray());
    }

    /// <summary><c>range(*slice(start, stop, step).indices(length))</c>.</summary>
    private static int[] PythonRange(int? start, int? stop, int step, int length)
    {
        int Clamp(int? v, int dflt, int lo, int hi)
        {
            if (v is not { } x) return dflt;
            if (x < 0) x += length;
            return Math.Min(Math.Max(x, lo), hi);
        }
        int a = step > 0 ? Clamp(start, 0, 0, length) : Clamp(start, length - 1, -1, length - 1);
        int b = step > 0 ? Clamp(stop, length, 0, length) : Clamp(stop, -1, -1, length - 1);
        var result = new List<int>();
        for (int i = a; step > 0 ? i < b : i > b; i += step) result.Add(i);
        return [.. result];
    }
}
