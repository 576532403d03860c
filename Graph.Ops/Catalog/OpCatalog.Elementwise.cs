using Graph.Core;
using Graph.Ops.Elementwise;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpInput[] BroadcastPair => [OpInput.Float(3, 1, 4), OpInput.Float(2, 4)];

    private static OpCatalogEntry[] ElementwiseEntries =>
    [
        Entry<TanhOp>(new OpCase("tanh", [OpInput.Float(3, 5)], x => G.Tanh(x[0]))),
        Entry<NegOp>(new OpCase("neg", [OpInput.Float(4)], x => G.Neg(x[0]))),
        Entry<FloorOp>(new OpCase("floor", [OpInput.Float(9)], x => G.Floor(x[0]), Differentiable: false)),
        Entry<AddOp>(
            new OpCase("add_same", [OpInput.Float(2, 3), OpInput.Float(2, 3)], x => G.Add(x[0], x[1])),
            new OpCase("add_broadcast", BroadcastPair, x => G.Add(x[0], x[1])),
            new OpCase("add_int", [new OpInput(Shape.Of(5), DType.Int32, -9, 9), new OpInput(Shape.Scalar, DType.Int32, -9, 9)], x => G.Add(x[0], x[1]), Differentiable: false)),
        Entry<SubOp>(new OpCase("sub_broadcast", BroadcastPair, x => G.Sub(x[0], x[1]))),
        Entry<MulOp>(new OpCase("mul_broadcast", BroadcastPair, x => G.Mul(x[0], x[1]))),
        Entry<DivOp>(new OpCase("div_broadcast", [OpInput.Float(3, 1, 4), OpInput.Positive(2, 4)], x => G.Div(x[0], x[1]))),
        Entry<GreaterEqualOp>(new OpCase("greater_equal", BroadcastPair, x => G.GreaterEqual(x[0], x[1]), Differentiable: false)),
        Entry<GreaterOp>(new OpCase("greater", BroadcastPair, x => G.Greater(x[0], x[1]), Differentiable: false)),
    ];
}
