using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;

namespace Graph.Tests.Layers;

/// <summary>The layers the harness runs: every layer of Graph.Ops.Layers with a typical configuration.</summary>
public static class LayerCases
{
    public static IEnumerable<LayerCase> All()
    {
        yield return new("Dense", () => new Dense(5), [[4]], 2);
        yield return new("DenseRank3", () => new Dense(5, activation: "relu"), [[3, 4]], 2);
        yield return new("DenseNoBiasTanh", () => new Dense(3, activation: "tanh", useBias: false), [[4]], 1);
        foreach (var name in Activations.Names)
            yield return new($"Activation_{name}", () => new Activation(name), [[4]], 0);
        yield return new("LeakyReLU", () => new LeakyReLU(), [[4]], 0);
        yield return new("PReLU", () => new PReLU(alphaInitializer: "ones"), [[3, 4]], 1);
        yield return new("PReLUShared", () => new PReLU(sharedAxes: [1]), [[3, 4]], 1);
        yield return new("ELU", () => new ELU(0.5), [[4]], 0);
        yield return new("ThresholdedReLU", () => new ThresholdedReLU(0.5), [[4]], 0);
        yield return new("Softmax", () => new Softmax(), [[4]], 0);
        yield return new("Dropout", () => new Dropout(0.5, seed: 3), [[20]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("DropoutNoiseShape", () => new Dropout(0.5, noiseShape: [null, 1, null], seed: 3), [[5, 6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("SpatialDropout1D", () => new SpatialDropout1D(0.5, seed: 1), [[5, 6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("SpatialDropout2D", () => new SpatialDropout2D(0.5, seed: 1), [[3, 4, 6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("GaussianNoise", () => new GaussianNoise(0.3, seed: 1), [[6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("GaussianDropout", () => new GaussianDropout(0.3, seed: 1), [[6]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("AlphaDropout", () => new AlphaDropout(0.3, seed: 1), [[12]], 0, 0, PhaseBehaviour.IdentityAtInference);
        yield return new("BatchNormalization", () => new BatchNormalization(), [[4]], 2, 2, PhaseBehaviour.Differs);
        yield return new("BatchNormalizationAxis1", () => new BatchNormalization(axis: 1), [[3, 4]], 2, 2, PhaseBehaviour.Differs);
        yield return new("LayerNormalization", () => new LayerNormalization(), [[5]], 2);
        yield return new("Embedding", () => new Embedding(10, 3), [[5]], 1) { Inputs = IntRamp(10) };
        yield return new("EmbeddingMaskZeroLength", () => new Embedding(10, 3, maskZero: true, inputLength: 5), [[5]], 1) { Inputs = IntRamp(10) };
        yield return new("Masking", () => new Masking(), [[3, 4]], 0);
        yield return new("Flatten", () => new Flatten(), [[3, 4]], 0);
        yield return new("Reshape", () => new Reshape([2, -1]), [[3, 4]], 0);
        yield return new("Permute", () => new Permute([2, 1]), [[3, 4]], 0);
        yield return new("RepeatVector", () => new RepeatVector(3), [[4]], 0);
        yield return new("Lambda", () => new Lambda(x => G.Mul(x, 2.0)) { FunctionName = "times_two" }, [[4]], 0);
        yield return new("Add", () => new Add(), [[4], [4]], 0, AsList: true);
        yield return new("AddBroadcastRank", () => new Add(), [[3, 4], [4]], 0, AsList: true);
        yield return new("Subtract", () => new Subtract(), [[4], [4]], 0, AsList: true);
        yield return new("Multiply", () => new Multiply(), [[4], [4], [4]], 0, AsList: true);
        yield return new("Average", () => new Average(), [[4], [4]], 0, AsList: true);
        yield return new("Maximum", () => new Graph.Ops.Layers.Maximum(), [[4], [4]], 0, AsList: true);
        yield return new("Minimum", () => new Graph.Ops.Layers.Minimum(), [[4], [4]], 0, AsList: true);
        yield return new("Concatenate", () => new Concatenate(), [[3, 4], [3, 2]], 0, AsList: true);
        yield return new("Dot2D", () => new Dot(1), [[4], [4]], 0, AsList: true);
        yield return new("Dot3D", () => new Dot(2, normalize: true), [[3, 4], [5, 4]], 0, AsList: true);
        yield return new("Conv1D", () => new Conv1D(4, 3, activation: "relu"), [[7, 2]], 2);
        yield return new("Conv1DCausalDilated", () => new Conv1D(2, 2, padding: "causal", dilationRate: 2), [[7, 2]], 2);
        yield return new("Conv2D", () => new Conv2D(3, (2, 2), strides: (2, 1), padding: "same"), [[5, 4, 2]], 2);
        yield return new("MaxPooling1D", () => new MaxPooling1D(), [[7, 3]], 0);
        yield return new("AveragePooling1D", () => new AveragePooling1D(3, 1, "same"), [[7, 3]], 0);
        yield return new("MaxPooling2D", () => new MaxPooling2D(), [[4, 5, 2]], 0);
        yield return new("AveragePooling2D", () => new AveragePooling2D((2, 2), padding: "same"), [[5, 5, 2]], 0);
        yield return new("GlobalAveragePooling1D", () => new GlobalAveragePooling1D(), [[5, 3]], 0);
        yield return new("GlobalMaxPooling1D", () => new GlobalMaxPooling1D(), [[5, 3]], 0);
        yield return new("GlobalAveragePooling2D", () => new GlobalAveragePooling2D(), [[3, 4, 2]], 0);
        yield return new("GlobalMaxPooling2D", () => new GlobalMaxPooling2D(), [[3, 4, 2]], 0);
        yield return new("TimeDistributedDense", () => new TimeDistributed(new Dense(2)), [[5, 3]], 2);
        yield return new("TimeDistributedDropout", () => new TimeDistributed(new Dropout(0.5, seed: 2)), [[5, 3]], 0, 0, PhaseBehaviour.IdentityAtInference);
    }

    private static Func<int, int[], TensorBuffer> IntRamp(int vocabulary) => (_, dims) =>
    {
        var buffer = TensorBuffer.Zeros(DType.Float32, dims);
        var span = buffer.Span<float>();
        for (int i = 0; i < span.Length; i++) span[i] = (i * 7 + 1) % vocabulary;
        return buffer;
    };
}
