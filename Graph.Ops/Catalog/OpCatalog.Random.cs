using Graph.Ops.Random;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpCatalogEntry[] RandomEntries =>
    [
        Entry<RandomUniformOp>(new OpCase("random_uniform", [OpInput.Float(3, 4)], x => G.RandomUniformLike(x[0], -1, 3, seed: 5), Differentiable: false)),
    ];
}
