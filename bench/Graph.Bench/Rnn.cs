using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;

namespace Graph.Bench;

/// <summary>
/// The recurrent workloads of torch_bench.py: Embedding(10000, 128) → LSTM(128) or GRU(128) over 80 steps, the last
/// output → Dense(1, sigmoid), binary cross-entropy, Adam, batch 64 — one train step (lstm_train, gru_train) and
/// inference of one batch (lstm_predict). The layers run the fused LSTM/GRU kernels (Graph.Ops/Recurrent).
/// </summary>
internal static class Rnn
{
    private static Model Build(bool lstm)
    {
        var input = new Input([80], dtype: DType.Int32, name: "tokens");
        var embedded = new Embedding(10000, 128).Apply(input);
        var last = lstm ? new LSTM(128).Apply(embedded) : new GRU(128).Apply(embedded);
        var model = new Model(input, new Dense(1, activation: "sigmoid").Apply(last), name: lstm ? "lstm" : "gru");
        model.Compile(new Adam(1e-3), "binary_crossentropy");
        return model;
    }

    private static (Tensor<int> X, Tensor<float> Y) Batch(Random rng) =>
        (Tensor.Create(Enumerable.Range(0, 64 * 80).Select(_ => rng.Next(10000)).ToArray(), [64, 80]),
         Tensor.Create(Enumerable.Range(0, 64).Select(_ => (float)rng.Next(2)).ToArray(), [64, 1]));

    /// <summary>One Adam step on a fixed random batch.</summary>
    public static Timing Train(bool lstm)
    {
        using var scope = new ComputationGraph(seed: 1234).AsDefault();
        var model = Build(lstm);
        var (x, y) = Batch(new Random(1234));
        return Timing.Measure(() => model.TrainOnBatch(x, y), samples: 30, warmupSeconds: 3);
    }

    /// <summary>Inference of one batch of 64 sequences.</summary>
    public static Timing Predict()
    {
        using var scope = new ComputationGraph(seed: 1234).AsDefault();
        var model = Build(lstm: true);
        var (x, _) = Batch(new Random(1234));
        return Timing.Measure(() => model.PredictOnBatch(x), samples: 40, warmupSeconds: 3);
    }
}
