using Graph.Core.Structural;
using Graph.Ops.Elementwise;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddStructural(Dictionary<Type, Kernel> table)
    {
        table[typeof(ZerosLikeOp)] = (_, x) => Map(x[0], _ => 0);
        table[typeof(StopGradientOp)] = (_, x) => x[0];
        table[typeof(SwitchOp)] = (_, x) => x[0].Data[0] != 0 ? x[1] : x[2];
        table[typeof(CastOp)] = (op, x) => ((CastOp)op).Target switch
        {
            Graph.Core.DType.Int32 or Graph.Core.DType.Int64 => Map(x[0], Math.Truncate),
            Graph.Core.DType.Bool => Map(x[0], v => v != 0 ? 1 : 0),
            _ => x[0],
        };
        table[typeof(SumToShapeOp)] = (_, x) =>
        {
            var (g, target) = (x[0], x[1]);
            var result = new double[target.Length];
            int rank = g.Dims.Length;
            var index = new int[rank];
            for (int flat = 0; flat < g.Length; flat++)
            {
                int rem = flat;
                for (int axis = rank - 1; axis >= 0; axis--) { index[axis] = rem % g.Dims[axis]; rem /= g.Dims[axis]; }
                result[Offset(target, index, rank)] += g.Data[flat];
            }
            return new RefValue(target.Dims, result);
        };
    }
}
