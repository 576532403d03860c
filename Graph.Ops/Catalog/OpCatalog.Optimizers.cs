using Graph.Core;
using Graph.Ops.Optimizers;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpCatalogEntry[] OptimizerEntries =>
    [
        Entry<MovingAverageOp>(
            new OpCase("moving_average", [OpInput.Float(3, 37), OpInput.Float(3, 37)], x => G.MovingAverage(x[0], x[1], 0.9)),
            new OpCase("moving_average_squared", [OpInput.Float(41), OpInput.Float(41)], x => G.MovingAverage(x[0], x[1], 0.999, square: true))),
        Entry<AdamStepOp>(
            new OpCase("adam_step", [OpInput.Float(3, 19), OpInput.Float(3, 19), OpInput.Positive(3, 19), new OpInput(Shape.Scalar, Min: 0.1, Max: 0.5)],
                x => G.AdamStep(x[0], x[1], x[2], x[3], 1e-7))),
    ];
}
