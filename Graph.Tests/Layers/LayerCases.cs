using Graph.Ops;
using Graph.Ops.Layers;

namespace Graph.Tests.Layers;

/// <summary>The layers the harness runs: every layer of Graph.Ops.Layers with a typical configuration.</summary>
public static class LayerCases
{
    public static IEnumerable<LayerCase> All()
    {
        yield return new("Dense", () => new Dense(5), [[4]], 2);
        yield return new("DenseNoBiasTanh", () => new Dense(3, activation: "tanh", useBias: false), [[4]], 1);
        yield return new("Activation_tanh", () => new Activation("tanh"), [[4]], 0);
        yield return new("Dropout", () => new Dropout(0.5, seed: 3), [[20]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("DropoutNoiseShape", () => new Dropout(0.5, noiseShape: [null, 1, null], seed: 3), [[5, 6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("SpatialDropout1D", () => new SpatialDropout1D(0.5, seed: 1), [[5, 6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("SpatialDropout2D", () => new SpatialDropout2D(0.5, seed: 1), [[3, 4, 6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("Lambda", () => new Lambda(x => G.Mul(x, 2.0)), [[4]], 0);
    }
}
