using Graph.Ops.Shapes;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    private static void AddIndexing(Dictionary<Type, Kernel> table)
    {
        table[typeof(GatherOp)] = (op, x) =>
        {
            var (p, idx) = (x[0], x[1]);
            int axis = NormalizeAxis(((GatherOp)op).Axis, p.Dims.Length), r = idx.Dims.Length;
            int[] dims = [.. p.Dims[..axis], .. idx.Dims, .. p.Dims[(axis + 1)..]];
            return Generate(dims, i =>
            {
                int[] j = [.. i[..axis], (int)idx.At(i[axis..(axis + r)]), .. i[(axis + r)..]];
                return p.At(j);
            });
        };
        table[typeof(ScatterAddOp)] = (op, x) =>
        {
            var (updates, idx, like) = (x[0], x[1], x[2]);
            int axis = NormalizeAxis(((ScatterAddOp)op).Axis, like.Dims.Length), r = idx.Dims.Length;
            var result = new double[like.Length];
            var strides = like.Strides();
            ForEachIndex(updates.Dims, (flat, i) =>
            {
                int[] j = [.. i[..axis], (int)idx.At(i[axis..(axis + r)]), .. i[(axis + r)..]];
                result[j.Select((v, k) => v * strides[k]).Sum()] += updates.Data[flat];
            });
            return new RefValue(like.Dims, result);
        };
        table[typeof(OneHotOp)] = (op, x) =>
        {
            var oh = (OneHotOp)op;
            int axis = oh.Axis == -1 ? x[0].Dims.Length : oh.Axis;
            var dims = x[0].Dims.ToList();
            dims.Insert(axis, oh.Depth);
            return Generate([.. dims], i =>
            {
                var j = i.ToList();
                j.RemoveAt(axis);
                return x[0].At([.. j]) == i[axis] ? oh.On : oh.Off;
            });
        };
        table[typeof(TileOp)] = (op, x) =>
        {
            var m = ((TileOp)op).Multiples;
            return Generate(x[0].Dims.Select((d, k) => d * m[k]).ToArray(), i => x[0].At(i.Select((v, k) => v % x[0].Dims[k]).ToArray()));
        };
        table[typeof(RepeatElementsOp)] = (op, x) =>
        {
            var re = (RepeatElementsOp)op;
            int axis = NormalizeAxis(re.Axis, x[0].Dims.Length);
            var dims = (int[])x[0].Dims.Clone();
            dims[axis] *= re.Rep;
            return Generate(dims, i => x[0].At(i.Select((v, k) => k == axis ? v / re.Rep : v).ToArray()));
        };
        table[typeof(BroadcastToOp)] = (op, x) =>
        {
            var target = ((BroadcastToOp)op).Target.ToArray();
            int lead = target.Length - x[0].Dims.Length;
            var dims = target.Select((t, k) => t < 0 ? x[0].Dims[k - lead] : t).ToArray();
            return Broadcast(x[0], new RefValue(dims, new double[dims.Aggregate(1, (p, d) => p * d)]), (a, _) => a);
        };
    }
}
