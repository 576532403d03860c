using Graph.Core;
using Graph.Ops.Shapes;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpInput IntsIn(int min, int max, params int[] dims) => new(Shape.Of(dims), DType.Int32, min, max);

    private static OpInput ScalarFloat => new(Shape.Scalar);

    private static SliceSpec BasicSlice => new(new[] { 1, 0 }, new[] { 4, 6 }, new[] { 2, 1 });

    private static OpCatalogEntry[] ShapeEntries =>
    [
        Entry<ShapeOfOp>(new OpCase("shape_of", [OpInput.Float(3, 0, 5)], x => G.ShapeOf(x[0]), Differentiable: false)),
        Entry<ReshapeOp>(
            new OpCase("reshape_infer", [OpInput.Float(2, 3, 4)], x => G.Reshape(x[0], -1, 12)),
            new OpCase("reshape_known", [OpInput.Float(2, 3, 4)], x => G.Reshape(x[0], 4, 1, 6)),
            new OpCase("reshape_to_scalar", [OpInput.Float(1, 1)], x => G.Reshape(x[0])),
            new OpCase("reshape_empty", [OpInput.Float(0, 3)], x => G.Reshape(x[0], 3, 0, 1)),
            new OpCase("reshape_int", [IntsIn(-9, 9, 2, 3)], x => G.Reshape(x[0], 3, -1), Differentiable: false)),
        Entry<ReshapeLikeOp>(new OpCase("reshape_like", [OpInput.Float(2, 6), OpInput.Float(3, 4)], x => G.ReshapeLike(x[0], x[1]))),
        Entry<ExpandDimsOp>(
            new OpCase("expand_dims_0", [OpInput.Float(3, 4)], x => G.ExpandDims(x[0], 0)),
            new OpCase("expand_dims_last", [OpInput.Float(3, 4)], x => G.ExpandDims(x[0], -1)),
            new OpCase("expand_dims_neg_first", [OpInput.Float(3, 4)], x => G.ExpandDims(x[0], -3)),
            new OpCase("expand_dims_scalar", [ScalarFloat], x => G.ExpandDims(x[0], 0))),
        Entry<SqueezeOp>(
            new OpCase("squeeze_axes", [OpInput.Float(1, 3, 1)], x => G.Squeeze(x[0], 0, -1)),
            new OpCase("squeeze_all", [OpInput.Float(2, 1, 3, 1)], x => G.Squeeze(x[0])),
            new OpCase("squeeze_bool", [new OpInput(Shape.Of(3, 1), DType.Bool, 0, 1)], x => G.Squeeze(x[0], 1), Differentiable: false)),
        Entry<FlattenOp>(
            new OpCase("flatten", [OpInput.Float(2, 3, 4)], x => G.Flatten(x[0])),
            new OpCase("flatten_rank1", [OpInput.Float(3)], x => G.Flatten(x[0])),
            new OpCase("flatten_empty", [OpInput.Float(2, 0, 3)], x => G.Flatten(x[0]))),
        Entry<IdentityOp>(
            new OpCase("identity", [OpInput.Float(2, 3)], x => G.Identity(x[0])),
            new OpCase("identity_int64", [new OpInput(Shape.Of(4), DType.Int64, -5, 5)], x => G.Identity(x[0]), Differentiable: false)),
        Entry<TransposeOp>(
            new OpCase("transpose_3d", [OpInput.Float(2, 3, 4)], x => G.Transpose(x[0], 2, 0, 1)),
            new OpCase("transpose_negative_perm", [OpInput.Float(2, 3, 4)], x => G.Transpose(x[0], 1, -1, 0)),
            new OpCase("transpose_default", [OpInput.Float(4, 3)], x => G.Transpose(x[0])),
            new OpCase("transpose_empty", [OpInput.Float(0, 3)], x => G.Transpose(x[0], 1, 0)),
            new OpCase("transpose_int", [IntsIn(-9, 9, 2, 1, 3)], x => G.Transpose(x[0], 2, 1, 0), Differentiable: false)),
        Entry<ConcatOp>(
            new OpCase("concat_last", [OpInput.Float(2, 3), OpInput.Float(2, 1), OpInput.Float(2, 4)], x => G.Concat(x, -1)),
            new OpCase("concat_axis0", [OpInput.Float(1, 3), OpInput.Float(2, 3)], x => G.Concat(x, 0)),
            new OpCase("concat_empty_part", [OpInput.Float(2, 0), OpInput.Float(2, 3)], x => G.Concat(x, 1)),
            new OpCase("concat_single", [OpInput.Float(2, 3)], x => G.Concat(x, 0)),
            new OpCase("concat_int", [IntsIn(-9, 9, 2, 2), IntsIn(-9, 9, 2, 1)], x => G.Concat(x, 1), Differentiable: false)),
        Entry<ConcatSliceOp>(
            new OpCase("concat_slice_last", [OpInput.Float(2, 7), OpInput.Float(2, 3), OpInput.Float(2, 4)], x => G.Apply(new ConcatSliceOp(-1, 1), x)),
            new OpCase("concat_slice_axis0", [OpInput.Float(3, 2), OpInput.Float(1, 2), OpInput.Float(2, 2)], x => G.Apply(new ConcatSliceOp(0, 0), x))),
        Entry<StridedSliceOp>(
            new OpCase("ss_basic", [OpInput.Float(5, 6)], x => G.StridedSlice(x[0], [1, 0], [4, 6], [2, 1])),
            new OpCase("ss_negative_strides", [OpInput.Float(5, 6)], x => G.StridedSlice(x[0], [-1, 4], [0, 0], [-1, -2], endMask: 1)),
            new OpCase("ss_masks", [OpInput.Float(4, 5, 6)], x => G.StridedSlice(x[0], [0, 1], [0, -1], beginMask: 1, endMask: 1)),
            new OpCase("ss_ellipsis", [OpInput.Float(2, 3, 4)], x => G.StridedSlice(x[0], [0, 1], [0, 3], ellipsisMask: 1)),
            new OpCase("ss_newaxis_shrink", [OpInput.Float(3, 4, 5)], x => G.StridedSlice(x[0], [1, 0, 0], [2, 0, 5], [1, 1, 2], newAxisMask: 2, shrinkAxisMask: 1)),
            new OpCase("ss_shrink_last", [OpInput.Float(3, 4)], x => G.StridedSlice(x[0], [0, -1], [0, 0], beginMask: 1, endMask: 1, shrinkAxisMask: 2)),
            new OpCase("ss_empty", [OpInput.Float(4, 3)], x => G.StridedSlice(x[0], [3], [1])),
            new OpCase("ss_clamped", [OpInput.Float(4, 3)], x => G.StridedSlice(x[0], [-10, 1], [10, 99])),
            new OpCase("ss_int", [IntsIn(-9, 9, 4, 3)], x => G.StridedSlice(x[0], [3, 0], [0, 3], [-2, 2], endMask: 1), Differentiable: false)),
        Entry<StridedSliceGradOp>(
            new OpCase("ss_grad_basic", [OpInput.Float(2, 6), OpInput.Float(5, 6)], x => G.Apply(new StridedSliceGradOp(BasicSlice), x)),
            new OpCase("ss_grad_shrink_reverse", [OpInput.Float(5), OpInput.Float(3, 5)],
                x => G.Apply(new StridedSliceGradOp(new SliceSpec(new[] { 1, -1 }, new[] { 0, 0 }, new[] { 1, -1 }, EndMask: 2, BeginMask: 2, ShrinkAxisMask: 1)), x))),
        Entry<GatherOp>(
            new OpCase("gather_axis0", [OpInput.Float(5, 3), IntsIn(0, 4, 4)], x => G.Gather(x[0], x[1])),
            new OpCase("gather_axis1_matrix_indices", [OpInput.Float(2, 4, 3), IntsIn(0, 3, 2, 2)], x => G.Gather(x[0], x[1], 1)),
            new OpCase("gather_negative_axis", [OpInput.Float(3, 4), IntsIn(0, 3, 5)], x => G.Gather(x[0], x[1], -1)),
            new OpCase("gather_scalar_index", [OpInput.Float(4, 2), new OpInput(Shape.Scalar, DType.Int32, 0, 3)], x => G.Gather(x[0], x[1])),
            new OpCase("gather_int64_indices", [OpInput.Float(3, 2), new OpInput(Shape.Of(4), DType.Int64, 0, 2)], x => G.Gather(x[0], x[1])),
            new OpCase("gather_empty_indices", [OpInput.Float(3, 2), IntsIn(0, 2, 0)], x => G.Gather(x[0], x[1])),
            new OpCase("gather_bool_params", [new OpInput(Shape.Of(4), DType.Bool, 0, 1), IntsIn(0, 3, 6)], x => G.Gather(x[0], x[1]), Differentiable: false)),
        Entry<ScatterAddOp>(
            new OpCase("scatter_add_axis0", [OpInput.Float(4, 3), IntsIn(0, 4, 4), OpInput.Float(5, 3)], x => G.Apply(new ScatterAddOp(0), x)),
            new OpCase("scatter_add_axis1", [OpInput.Float(2, 3, 2), IntsIn(0, 1, 3), OpInput.Float(2, 2, 2)], x => G.Apply(new ScatterAddOp(-2), x))),
        Entry<OneHotOp>(
            new OpCase("one_hot_last", [IntsIn(-1, 4, 2, 3)], x => G.OneHot(x[0], 4), Differentiable: false),
            new OpCase("one_hot_axis0", [IntsIn(-1, 3, 5)], x => G.OneHot(x[0], 3, on: 5, off: -1, axis: 0, dtype: DType.Float64), Differentiable: false),
            new OpCase("one_hot_int64_to_int", [new OpInput(Shape.Of(4), DType.Int64, 0, 2)], x => G.OneHot(x[0], 3, dtype: DType.Int32), Differentiable: false),
            new OpCase("one_hot_depth0", [IntsIn(0, 1, 3)], x => G.OneHot(x[0], 0), Differentiable: false)),
        Entry<TileOp>(
            new OpCase("tile_2d", [OpInput.Float(2, 3)], x => G.Tile(x[0], 2, 3)),
            new OpCase("tile_3d", [OpInput.Float(2, 1, 3)], x => G.Tile(x[0], 1, 4, 2)),
            new OpCase("tile_zero", [OpInput.Float(2, 3)], x => G.Tile(x[0], 1, 0)),
            new OpCase("tile_ones", [OpInput.Float(2, 3)], x => G.Tile(x[0], 1, 1)),
            new OpCase("tile_int", [IntsIn(-9, 9, 3)], x => G.Tile(x[0], 2), Differentiable: false)),
        Entry<PadOp>(
            new OpCase("pad_constant", [OpInput.Float(2, 3)], x => G.Pad(x[0], new[,] { { 1, 0 }, { 2, 1 } }, constant: 0.5)),
            new OpCase("pad_reflect", [OpInput.Float(3, 4)], x => G.Pad(x[0], new[,] { { 2, 1 }, { 0, 3 } }, "REFLECT")),
            new OpCase("pad_symmetric", [OpInput.Float(3, 4)], x => G.Pad(x[0], new[,] { { 3, 0 }, { 2, 4 } }, "symmetric")),
            new OpCase("pad_empty_dim", [OpInput.Float(0, 2)], x => G.Pad(x[0], new[,] { { 1, 1 }, { 0, 0 } })),
            new OpCase("pad_int", [IntsIn(-9, 9, 2)], x => G.Pad(x[0], new[,] { { 1, 2 } }, constant: 7), Differentiable: false)),
        Entry<PadGradOp>(
            new OpCase("pad_grad_constant", [OpInput.Float(5, 6)], x => G.Apply(new PadGradOp(new[] { 1, 0, 2, 1 }, PadMode.Constant), x)),
            new OpCase("pad_grad_reflect", [OpInput.Float(6, 8)], x => G.Apply(new PadGradOp(new[] { 2, 1, 0, 3 }, PadMode.Reflect), x)),
            new OpCase("pad_grad_symmetric", [OpInput.Float(6, 9)], x => G.Apply(new PadGradOp(new[] { 2, 1, 1, 4 }, PadMode.Symmetric), x))),
        Entry<RepeatElementsOp>(
            new OpCase("repeat_axis1", [OpInput.Float(2, 3)], x => G.RepeatElements(x[0], 2, 1)),
            new OpCase("repeat_negative_axis", [OpInput.Float(2, 3, 2)], x => G.RepeatElements(x[0], 3, -3)),
            new OpCase("repeat_once", [OpInput.Float(1, 3)], x => G.RepeatElements(x[0], 1, 0)),
            new OpCase("repeat_zero", [OpInput.Float(2, 3)], x => G.RepeatElements(x[0], 0, 1))),
        Entry<BroadcastToOp>(
            new OpCase("broadcast_to", [OpInput.Float(3, 1)], x => G.BroadcastTo(x[0], Shape.Of(2, 3, 4))),
            new OpCase("broadcast_to_keep_unknown", [OpInput.Float(2, 1)], x => G.BroadcastTo(x[0], new Shape(null, 4))),
            new OpCase("broadcast_to_scalar", [ScalarFloat], x => G.BroadcastTo(x[0], Shape.Of(2, 3))),
            new OpCase("broadcast_to_empty", [OpInput.Float(1, 3)], x => G.BroadcastTo(x[0], Shape.Of(0, 3)))),
    ];
}
