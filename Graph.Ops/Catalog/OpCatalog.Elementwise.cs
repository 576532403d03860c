using Graph.Core;
using Graph.Ops.Elementwise;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpInput[] BroadcastPair => [OpInput.Float(3, 1, 4), OpInput.Float(2, 4)];

    private static OpInput AwayFromZero(params int[] dims) => new(Shape.Of(dims), KinkMargin: 0.05);

    private static OpInput Range(double min, double max, params int[] dims) => new(Shape.Of(dims), Min: min, Max: max);

    private static OpInput Ints(params int[] dims) => new(Shape.Of(dims), DType.Int32, -4, 4);

    private static OpInput Bools(params int[] dims) => new(Shape.Of(dims), DType.Bool, 0, 1);

    private static OpCase Unary(string name, OpInput input, Func<Node, Node> build, bool differentiable = true) =>
        new(name, [input], x => build(x[0]), differentiable);

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
        .. UnaryEntries,
        .. BinaryEntries,
        .. SelectionEntries,
    ];

    private static OpCatalogEntry[] UnaryEntries =>
    [
        Entry<AbsOp>(Unary("abs", AwayFromZero(3, 4), G.Abs), Unary("abs_int", Ints(7), G.Abs, false)),
        Entry<SignOp>(Unary("sign", AwayFromZero(2, 5), G.Sign), Unary("sign_int", Ints(9), G.Sign, false)),
        Entry<ExpOp>(Unary("exp", OpInput.Float(3, 5), G.Exp), Unary("exp_empty", OpInput.Float(0, 3), G.Exp), Unary("exp_size1", OpInput.Float(1, 4, 1), G.Exp)),
        Entry<LogOp>(Unary("log", OpInput.Positive(3, 4), G.Log)),
        Entry<Log1pOp>(Unary("log1p", Range(-0.8, 2, 3, 4), G.Log1p), Unary("log1p_tiny", Range(-1e-7, 1e-7, 6), G.Log1p)),
        Entry<SqrtOp>(Unary("sqrt", OpInput.Positive(3, 4), G.Sqrt)),
        Entry<RsqrtOp>(Unary("rsqrt", OpInput.Positive(3, 4), G.Rsqrt)),
        Entry<SquareOp>(Unary("square", OpInput.Float(3, 4), G.Square), Unary("square_int", Ints(6), G.Square, false)),
        Entry<ReciprocalOp>(Unary("reciprocal", new OpInput(Shape.Of(3, 4), KinkMargin: 0.3), G.Reciprocal)),
        Entry<SigmoidOp>(Unary("sigmoid", Range(-6, 6, 3, 5), G.Sigmoid)),
        Entry<HardSigmoidOp>(
            Unary("hard_sigmoid", Range(-2.4, 2.4, 3, 5), G.HardSigmoid),
            Unary("hard_sigmoid_high", Range(2.6, 4, 6), G.HardSigmoid),
            Unary("hard_sigmoid_low", Range(-4, -2.6, 6), G.HardSigmoid)),
        Entry<ReluGradOp>(new OpCase("relu_grad", [OpInput.Float(3, 37), new OpInput(Shape.Of(3, 37), KinkMargin: 0.05)], x => G.ReluGrad(x[0], x[1]))),
        Entry<ReluOp>(
            Unary("relu", AwayFromZero(3, 5), x => G.Relu(x)),
            Unary("relu_leaky", AwayFromZero(3, 5), x => G.Relu(x, alpha: 0.1)),
            Unary("relu_max_below", new OpInput(Shape.Of(12), Min: -1.4, Max: 1.4, KinkMargin: 0.05), x => G.Relu(x, maxValue: 1.5)),
            Unary("relu_max_clipped", Range(1.6, 3, 6), x => G.Relu(x, maxValue: 1.5)),
            Unary("relu_threshold_above", Range(0.55, 2, 6), x => G.Relu(x, alpha: 0.2, threshold: 0.5)),
            Unary("relu_threshold_below", Range(-2, 0.45, 6), x => G.Relu(x, alpha: 0.2, threshold: 0.5)),
            Unary("relu_negative_threshold", Range(-3, -1.1, 6), x => G.Relu(x, alpha: 0.3, maxValue: 6, threshold: -1))),
        Entry<EluOp>(Unary("elu", AwayFromZero(3, 5), x => G.Elu(x)), Unary("elu_alpha", AwayFromZero(8), x => G.Elu(x, 0.5))),
        Entry<SeluOp>(Unary("selu", AwayFromZero(3, 5), G.Selu)),
        Entry<SoftplusOp>(Unary("softplus", Range(-10, 10, 3, 5), G.Softplus)),
        Entry<SoftsignOp>(Unary("softsign", AwayFromZero(3, 5), G.Softsign)),
        Entry<SinOp>(Unary("sin", Range(-4, 4, 3, 5), G.Sin)),
        Entry<CosOp>(Unary("cos", Range(-4, 4, 3, 5), G.Cos)),
        Entry<RoundOp>(Unary("round", Range(-4, 4, 3, 5), G.Round, false)),
        Entry<CeilOp>(Unary("ceil", Range(-4, 4, 3, 5), G.Ceil, false)),
    ];

    private static OpCatalogEntry[] BinaryEntries =>
    [
        Entry<PowOp>(
            new OpCase("pow_broadcast", [OpInput.Positive(3, 1, 4), OpInput.Float(2, 4)], x => G.Pow(x[0], x[1])),
            new OpCase("pow_negative_base", [OpInput.Float(2, 3), Range(3, 3, 1)], x => G.Pow(x[0], x[1]), Differentiable: false)),
        Entry<MaximumOp>(
            new OpCase("maximum_broadcast", BroadcastPair, x => G.Maximum(x[0], x[1])),
            new OpCase("maximum_scalar", [OpInput.Float(3, 4), OpInput.Float()], x => G.Maximum(x[0], x[1])),
            new OpCase("maximum_int", [Ints(3, 4), Ints(4)], x => G.Maximum(x[0], x[1]), Differentiable: false)),
        Entry<MinimumOp>(
            new OpCase("minimum_broadcast", BroadcastPair, x => G.Minimum(x[0], x[1])),
            new OpCase("minimum_scalar", [OpInput.Float(), OpInput.Float(3, 4)], x => G.Minimum(x[0], x[1])),
            new OpCase("minimum_int", [Ints(3, 4), Ints(4)], x => G.Minimum(x[0], x[1]), Differentiable: false)),
        Entry<SquaredDifferenceOp>(
            new OpCase("squared_difference", BroadcastPair, x => G.SquaredDifference(x[0], x[1])),
            new OpCase("squared_difference_empty", [OpInput.Float(0, 4), OpInput.Float(4)], x => G.SquaredDifference(x[0], x[1]))),
        Entry<LessOp>(
            new OpCase("less", BroadcastPair, x => G.Less(x[0], x[1]), Differentiable: false),
            new OpCase("less_int", [Ints(3, 4), Ints(4)], x => G.Less(x[0], x[1]), Differentiable: false)),
        Entry<LessEqualOp>(
            new OpCase("less_equal", BroadcastPair, x => G.LessEqual(x[0], x[1]), Differentiable: false),
            new OpCase("less_equal_int", [Ints(3, 4), Ints(4)], x => G.LessEqual(x[0], x[1]), Differentiable: false)),
        Entry<EqualOp>(
            new OpCase("equal", BroadcastPair, x => G.Equal(x[0], x[1]), Differentiable: false),
            new OpCase("equal_int", [Ints(3, 4), Ints(4)], x => G.Equal(x[0], x[1]), Differentiable: false)),
        Entry<NotEqualOp>(
            new OpCase("not_equal", BroadcastPair, x => G.NotEqual(x[0], x[1]), Differentiable: false),
            new OpCase("not_equal_int", [Ints(3, 4), Ints(4)], x => G.NotEqual(x[0], x[1]), Differentiable: false)),
    ];

    private static OpCatalogEntry[] SelectionEntries =>
    [
        Entry<LogicalAndOp>(
            new OpCase("logical_and", [Bools(3, 1, 4), Bools(2, 4)], x => G.LogicalAnd(x[0], x[1]), Differentiable: false),
            new OpCase("logical_and_long", [Bools(37), Bools(37)], x => G.LogicalAnd(x[0], x[1]), Differentiable: false)),
        Entry<LogicalOrOp>(
            new OpCase("logical_or", [Bools(3, 1, 4), Bools(2, 4)], x => G.LogicalOr(x[0], x[1]), Differentiable: false),
            new OpCase("logical_or_scalar", [Bools(37), Bools()], x => G.LogicalOr(x[0], x[1]), Differentiable: false)),
        Entry<LogicalNotOp>(new OpCase("logical_not", [Bools(37)], x => G.LogicalNot(x[0]), Differentiable: false)),
        Entry<WhereOp>(
            new OpCase("where_same", [Bools(3, 4), OpInput.Float(3, 4), OpInput.Float(3, 4)], x => G.Where(x[0], x[1], x[2])),
            new OpCase("where_broadcast", [Bools(3, 1, 1), OpInput.Float(2, 4), OpInput.Float(1, 4)], x => G.Where(x[0], x[1], x[2])),
            new OpCase("where_int", [Bools(5), Ints(5), Ints()], x => G.Where(x[0], x[1], x[2]), Differentiable: false)),
        Entry<ClipOp>(
            new OpCase("clip", [Range(-3, 3, 4, 5)], x => G.Clip(x[0], -1, 1.5)),
            new OpCase("clip_int", [Ints(9)], x => G.Clip(x[0], -1, 2), Differentiable: false)),
    ];
}
