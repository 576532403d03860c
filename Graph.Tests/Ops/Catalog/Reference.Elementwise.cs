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
        AddUnary(table);
        AddBinary(table);
    }

    private static void AddUnary(Dictionary<Type, Kernel> table)
    {
        table[typeof(AbsOp)] = (_, x) => Map(x[0], Math.Abs);
        table[typeof(SignOp)] = (_, x) => Map(x[0], v => Math.Sign(v));
        table[typeof(ExpOp)] = (_, x) => Map(x[0], Math.Exp);
        table[typeof(LogOp)] = (_, x) => Map(x[0], Math.Log);
        // Series for tiny x: the naive log(1 + x) is what the kernel must beat.
        table[typeof(Log1pOp)] = (_, x) => Map(x[0], v => Math.Abs(v) < 1e-4 ? v - v * v / 2 + v * v * v / 3 : Math.Log(1 + v));
        table[typeof(SqrtOp)] = (_, x) => Map(x[0], Math.Sqrt);
        table[typeof(RsqrtOp)] = (_, x) => Map(x[0], v => 1 / Math.Sqrt(v));
        table[typeof(SquareOp)] = (_, x) => Map(x[0], v => v * v);
        table[typeof(ReciprocalOp)] = (_, x) => Map(x[0], v => 1 / v);
        table[typeof(SigmoidOp)] = (_, x) => Map(x[0], v => 1 / (1 + Math.Exp(-v)));
        table[typeof(HardSigmoidOp)] = (_, x) => Map(x[0], v => Math.Clamp(0.2 * v + 0.5, 0, 1));
        table[typeof(ReluGradOp)] = (_, x) => Broadcast(x[0], x[1], (g, v) => v > 0 ? g : 0);
        table[typeof(ReluOp)] = (op, x) =>
        {
            var r = (ReluOp)op;
            // Keras 2.2.4's composition, literally: x·[x > t] (or relu), clip to [0, max], minus alpha·relu(t − x).
            return Map(x[0], v =>
            {
                double positive = r.Threshold != 0 ? v * (v > r.Threshold ? 1 : 0) : Math.Max(v, 0);
                if (r.MaxValue is { } max) positive = Math.Clamp(positive, 0, max);
                return positive - r.Alpha * Math.Max(r.Threshold - v, 0);
            });
        };
        table[typeof(EluOp)] = (op, x) => Map(x[0], v => v > 0 ? v : ((EluOp)op).Alpha * (Math.Exp(v) - 1));
        table[typeof(SeluOp)] = (_, x) => Map(x[0], v => SeluOp.Scale * (v > 0 ? v : SeluOp.Alpha * (Math.Exp(v) - 1)));
        table[typeof(SoftplusOp)] = (_, x) => Map(x[0], v => Math.Log(1 + Math.Exp(v)));
        table[typeof(SoftsignOp)] = (_, x) => Map(x[0], v => v / (1 + Math.Abs(v)));
        table[typeof(SinOp)] = (_, x) => Map(x[0], Math.Sin);
        table[typeof(CosOp)] = (_, x) => Map(x[0], Math.Cos);
        table[typeof(RoundOp)] = (_, x) => Map(x[0], v => Math.Round(v, MidpointRounding.ToEven));
        table[typeof(CeilOp)] = (_, x) => Map(x[0], Math.Ceiling);
        table[typeof(ClipOp)] = (op, x) =>
        {
            var c = (ClipOp)op;
            return Map(x[0], v => v < c.Min ? c.Min : v > c.Max ? c.Max : v);
        };
    }

    private static void AddBinary(Dictionary<Type, Kernel> table)
    {
        table[typeof(PowOp)] = (_, x) => Broadcast(x[0], x[1], Math.Pow);
        table[typeof(MaximumOp)] = (_, x) => Broadcast(x[0], x[1], Math.Max);
        table[typeof(MinimumOp)] = (_, x) => Broadcast(x[0], x[1], Math.Min);
        table[typeof(SquaredDifferenceOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => (a - b) * (a - b));
        table[typeof(LessOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a < b ? 1 : 0);
        table[typeof(LessEqualOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a <= b ? 1 : 0);
        table[typeof(EqualOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a == b ? 1 : 0);
        table[typeof(NotEqualOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a != b ? 1 : 0);
        table[typeof(LogicalAndOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a != 0 && b != 0 ? 1 : 0);
        table[typeof(LogicalOrOp)] = (_, x) => Broadcast(x[0], x[1], (a, b) => a != 0 || b != 0 ? 1 : 0);
        table[typeof(LogicalNotOp)] = (_, x) => Map(x[0], v => v != 0 ? 0 : 1);
        table[typeof(WhereOp)] = (_, x) =>
        {
            // Broadcast cond against a, then the pair against b, remembering which element each output came from.
            var shape = Broadcast(Broadcast(x[0], x[1], (_, _) => 0), x[2], (_, _) => 0);
            var c = Broadcast(x[0], shape, (v, _) => v);
            var a = Broadcast(x[1], shape, (v, _) => v);
            var b = Broadcast(x[2], shape, (v, _) => v);
            return new RefValue(shape.Dims, c.Data.Select((v, i) => v != 0 ? a.Data[i] : b.Data[i]).ToArray());
        };
    }
}
