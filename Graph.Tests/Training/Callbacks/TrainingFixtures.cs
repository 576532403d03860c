using System.Numerics.Tensors;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;

namespace Graph.Tests.Training.Callbacks;

/// <summary>Small deterministic models, data and temporary folders for the callback and saving tests.</summary>
internal static class TrainingFixtures
{
    public static Tensor<float> Features(int n, int features, int nanAt = -1) =>
        Tensor.Create(Enumerable.Range(0, n * features).Select(i => i / features == nanAt ? float.NaN : MathF.Cos(i * 0.61f)).ToArray(), [n, features]);

    public static Tensor<int> Labels(int n, int classes) => Tensor.Create(Enumerable.Range(0, n).Select(i => i % classes).ToArray(), [n]);

    /// <summary>x(5) → Dense(8, tanh) "hidden" → Dense(3, softmax) "out", compiled with <paramref name="optimizer"/> (Adam 0.01).</summary>
    public static Model Classifier(Optimizer? optimizer = null, string hidden = "hidden", string output = "out", int units = 8, int classes = 3)
    {
        var input = new Input([5], name: "x");
        var h = new Dense(units, activation: "tanh", name: hidden).Apply(input);
        var y = new Dense(classes, activation: "softmax", name: output).Apply(h);
        var model = new Model(input, y, name: "clf");
        model.Compile(optimizer ?? new Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }

    public static float[][] WeightValues(Model model) => model.Weights.Select(w => K.GetValue(w).Span<float>().ToArray()).ToArray();

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "graph-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
