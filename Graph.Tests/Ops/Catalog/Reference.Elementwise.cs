using Graph.Ops.Elementwise;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddElementwise(Dictionary<Type, Kernel> table)
    {
        table[typeof(TanhOp)] = (_, x) => Map(x[0], Math.Tanh);
        table[typeof(NegOp)] = (_, x) => Map(x[0], v => -v);
        table[typeof(FloorOp)] = (_, x) => Map(x[0], Math.Floor);
        table[typeof(AddOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a + b);
        table[typeof(SubOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a - b);
        table[typeof(MulOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a * b);
        table[typeof(DivOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a / b);
        table[typeof(GreaterEqualOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a >= b ? 1 : 0);
        table[typeof(GreaterOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a > b ? 1 : 0);
    }
}
