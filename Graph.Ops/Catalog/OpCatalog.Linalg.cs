using Graph.Ops.Linalg;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpCatalogEntry[] LinalgEntries =>
    [
        Entry<MatMulOp>(
            new OpCase("matmul", [OpInput.Float(3, 5), OpInput.Float(5, 4)], x => G.MatMul(x[0], x[1])),
            new OpCase("matmul_ta", [OpInput.Float(5, 3), OpInput.Float(5, 4)], x => G.MatMul(x[0], x[1], transposeA: true)),
            new OpCase("matmul_tb", [OpInput.Float(3, 5), OpInput.Float(4, 5)], x => G.MatMul(x[0], x[1], transposeB: true)),
            new OpCase("matmul_tab", [OpInput.Float(5, 3), OpInput.Float(4, 5)], x => G.MatMul(x[0], x[1], true, true)),
            new OpCase("matmul_empty", [OpInput.Float(0, 5), OpInput.Float(5, 4)], x => G.MatMul(x[0], x[1]))),
    ];
}
