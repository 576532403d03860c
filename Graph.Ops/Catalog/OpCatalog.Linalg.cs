using Graph.Core;
using Graph.Ops.Linalg;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpCatalogEntry[] LinalgEntries =>
    [
        Entry<DenseOp>(
            new OpCase("dense_linear", [OpInput.Float(6, 5), OpInput.Float(5, 7), OpInput.Float(7)], x => G.Dense(x[0], x[1], x[2])),
            new OpCase("dense_relu", [OpInput.Float(6, 5), OpInput.Float(5, 7), new OpInput(Shape.Of(7), Min: 2.5, Max: 3)], x => G.Dense(x[0], x[1], x[2], relu: true)),
            new OpCase("dense_relu_row", [OpInput.Float(1, 9), OpInput.Float(9, 4), new OpInput(Shape.Of(4), Min: 2.5, Max: 3)], x => G.Dense(x[0], x[1], x[2], relu: true))),
        Entry<MatMulOp>(
            new OpCase("matmul", [OpInput.Float(3, 5), OpInput.Float(5, 4)], x => G.MatMul(x[0], x[1])),
            new OpCase("matmul_ta", [OpInput.Float(5, 3), OpInput.Float(5, 4)], x => G.MatMul(x[0], x[1], transposeA: true)),
            new OpCase("matmul_tb", [OpInput.Float(3, 5), OpInput.Float(4, 5)], x => G.MatMul(x[0], x[1], transposeB: true)),
            new OpCase("matmul_tab", [OpInput.Float(5, 3), OpInput.Float(4, 5)], x => G.MatMul(x[0], x[1], true, true)),
            new OpCase("matmul_skinny", [OpInput.Float(20, 40), OpInput.Float(40, 3)], x => G.MatMul(x[0], x[1])),
            new OpCase("matmul_skinny_tb", [OpInput.Float(17, 33), OpInput.Float(5, 33)], x => G.MatMul(x[0], x[1], transposeB: true)),
            new OpCase("matmul_row", [OpInput.Float(1, 40), OpInput.Float(40, 19)], x => G.MatMul(x[0], x[1])),
            new OpCase("matmul_empty", [OpInput.Float(0, 5), OpInput.Float(5, 4)], x => G.MatMul(x[0], x[1]))),
        Entry<BatchMatMulOp>(
            new OpCase("bmm", [OpInput.Float(2, 3, 4), OpInput.Float(2, 4, 5)], x => G.BatchMatMul(x[0], x[1])),
            new OpCase("bmm_adj_x", [OpInput.Float(2, 4, 3), OpInput.Float(2, 4, 5)], x => G.BatchMatMul(x[0], x[1], adjX: true)),
            new OpCase("bmm_adj_y", [OpInput.Float(2, 3, 4), OpInput.Float(2, 5, 4)], x => G.BatchMatMul(x[0], x[1], adjY: true)),
            new OpCase("bmm_adj_xy", [OpInput.Float(2, 4, 3), OpInput.Float(2, 5, 4)], x => G.BatchMatMul(x[0], x[1], true, true)),
            new OpCase("bmm_broadcast_batch", [OpInput.Float(2, 1, 3, 4), OpInput.Float(3, 4, 2)], x => G.BatchMatMul(x[0], x[1])),
            new OpCase("bmm_shared_matrix", [OpInput.Float(2, 3, 4), OpInput.Float(4, 5)], x => G.BatchMatMul(x[0], x[1])),
            new OpCase("bmm_size1", [OpInput.Float(1, 1, 4), OpInput.Float(1, 4, 1)], x => G.BatchMatMul(x[0], x[1])),
            new OpCase("bmm_empty_batch", [OpInput.Float(0, 3, 4), OpInput.Float(4, 2)], x => G.BatchMatMul(x[0], x[1]))),
    ];
}
