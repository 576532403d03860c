using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops.Elementwise;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpCatalogEntry[] StructuralEntries =>
    [
        Entry<ZerosLikeOp>(new OpCase("zeros_like", [OpInput.Float(2, 3)], x => G.ZerosLike(x[0]), Differentiable: false)),
        Entry<StopGradientOp>(new OpCase("stop_gradient", [OpInput.Float(4)], x => G.StopGradient(x[0]), Differentiable: false)),
        Entry<SumToShapeOp>(
            new OpCase("sum_to_shape_rows", [OpInput.Float(3, 4), OpInput.Float(4)], x => G.SumToShape(x[0], x[1])),
            new OpCase("sum_to_shape_keepdims", [OpInput.Float(2, 3, 4), OpInput.Float(3, 1)], x => G.SumToShape(x[0], x[1])),
            new OpCase("sum_to_shape_trailing", [OpInput.Float(3, 4), OpInput.Float(3, 1)], x => G.SumToShape(x[0], x[1])),
            new OpCase("sum_to_shape_leading_ones", [OpInput.Float(2, 3, 4), OpInput.Float(1, 1, 4)], x => G.SumToShape(x[0], x[1])),
            new OpCase("sum_to_scalar", [OpInput.Float(5), new OpInput(Shape.Scalar)], x => G.SumToShape(x[0], x[1]))),
        Entry<SwitchOp>(
            new OpCase("switch_true", [new OpInput(Shape.Scalar, DType.Bool, 1, 1), OpInput.Float(2, 3), OpInput.Float(2, 3)],
                x => G.Switch(x[0], x[1], x[2])),
            new OpCase("switch_false", [new OpInput(Shape.Scalar, DType.Bool, 0, 0), OpInput.Float(2, 3), OpInput.Float(2, 3)],
                x => G.Switch(x[0], x[1], x[2]))),
        Entry<CastOp>(
            new OpCase("cast_f_to_i", [OpInput.Float(7)], x => G.Cast(x[0], DType.Int32), Differentiable: false),
            new OpCase("cast_i_to_f", [new OpInput(Shape.Of(7), DType.Int32, -5, 5)], x => G.Cast(x[0], DType.Float32), Differentiable: false),
            new OpCase("cast_to_f64", [OpInput.Float(3, 2)], x => G.Cast(x[0], DType.Float64))),
    ];
}
