using Graph.Ops.Optimizers;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddOptimizers(Dictionary<Type, Kernel> table)
    {
        table[typeof(MovingAverageOp)] = (op, x) =>
        {
            var ma = (MovingAverageOp)op;
            return Broadcast(x[0], x[1], (s, g) => ma.Beta * s + (1 - ma.Beta) * (ma.Square ? g * g : g));
        };
        table[typeof(AdamStepOp)] = (op, x) =>
        {
            double eps = ((AdamStepOp)op).Epsilon, lr = x[3].Data[0];
            var data = x[0].Data.Select((p, i) => p - lr * x[1].Data[i] / (Math.Sqrt(x[2].Data[i]) + eps)).ToArray();
            return new RefValue(x[0].Dims, data);
        };
    }
}
