using Graph.Core;
using Graph.Ops.Random;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    // Random draws are property-tested (moments, bounds, reproducibility: Graph.Tests/Ops/RandomOpTests.cs); these
    // cases check the shape rule (reference, noise and fixed shapes) and that the kernels run.
    private static OpCatalogEntry[] RandomEntries =>
    [
        Entry<RandomUniformOp>(
            new OpCase("random_uniform", [OpInput.Float(3, 4)], x => G.RandomUniformLike(x[0], -1, 3, seed: 5), Differentiable: false),
            new OpCase("random_uniform_fixed", [], _ => G.RandomUniform(Shape.Of(2, 5), seed: 3), Differentiable: false)),
        Entry<RandomNormalOp>(
            new OpCase("random_normal", [OpInput.Float(3, 5)], x => G.RandomNormalLike(x[0], 1, 2, seed: 5), Differentiable: false),
            new OpCase("random_normal_noise_shape", [OpInput.Float(3, 5)], x => G.RandomNormalLike(x[0], noiseShape: [null, 1]), Differentiable: false),
            new OpCase("random_normal_fixed_f64", [], _ => G.RandomNormal(Shape.Of(7), dtype: DType.Float64), Differentiable: false)),
        Entry<TruncatedNormalOp>(
            new OpCase("truncated_normal", [OpInput.Float(4, 3)], x => G.TruncatedNormalLike(x[0], 0, 0.5, seed: 2), Differentiable: false),
            new OpCase("truncated_normal_fixed", [], _ => G.TruncatedNormal(Shape.Of(2, 3, 2), seed: 8, dtype: DType.Float64), Differentiable: false)),
        Entry<BernoulliOp>(
            new OpCase("bernoulli", [OpInput.Float(6, 2)], x => G.BernoulliLike(x[0], 0.3, seed: 4), Differentiable: false),
            new OpCase("bernoulli_fixed", [], _ => G.Bernoulli(Shape.Of(9), 0.7, dtype: DType.Float64), Differentiable: false)),
    ];
}
