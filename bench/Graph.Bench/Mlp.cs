using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;

namespace Graph.Bench;

/// <summary>
/// The MLP workloads of torch_bench.py: Dense 784-512 → BatchNorm → ReLU → Dropout 0.2 → Dense 512 → ReLU →
/// Dropout 0.2 → Dense 10, softmax cross-entropy, Adam 1e-3, batch 128 — one train step (mlp_train), and inference
/// at batch 1024 and 1 (mlp_predict_b1024, mlp_predict_b1).
/// </summary>
internal static class Mlp
{
    private static Model Build()
    {
        var input = new Input([784], name: "x");
        var h = new Dense(512).Apply(input);
        h = new BatchNormalization().Apply(h);
        h = new Activation("relu").Apply(h);
        h = new Dropout(0.2).Apply(h);
        h = new Dense(512, activation: "relu").Apply(h);
        h = new Dropout(0.2).Apply(h);
        var output = new Dense(10, activation: "softmax").Apply(h);
        var model = new Model(input, output, name: "mlp");
        model.Compile(new Adam(1e-3), "sparse_categorical_crossentropy");
        return model;
    }

    /// <summary>One Adam step on one of 8 fixed random batches of 128 (cycled, as the peer does).</summary>
    public static Timing Train()
    {
        using var scope = new ComputationGraph(seed: 1234).AsDefault();
        var model = Build();
        var rng = new Random(1234);
        var xs = Enumerable.Range(0, 8).Select(_ => Tensor.Create(Normal(rng, 128 * 784), [128, 784])).ToArray();
        var ys = Enumerable.Range(0, 8).Select(_ => Tensor.Create(Enumerable.Range(0, 128).Select(_ => rng.Next(10)).ToArray(), [128])).ToArray();
        int i = 0;
        return Timing.Measure(() => { i = (i + 1) % 8; model.TrainOnBatch(xs[i], ys[i]); }, samples: 100, warmupSeconds: 2);
    }

    /// <summary>Inference of one batch of <paramref name="batch"/> samples.</summary>
    public static Timing Predict(int batch)
    {
        using var scope = new ComputationGraph(seed: 1234).AsDefault();
        var model = Build();
        var x = Tensor.Create(Normal(new Random(1234), batch * 784), [batch, 784]);
        int inner = batch == 1 ? 100 : 1;
        return Timing.Measure(() => model.PredictOnBatch(x), samples: batch == 1 ? 200 : 100, inner, warmupSeconds: 2);
    }

    private static float[] Normal(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        return values;
    }
}
