using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Saving;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training;

/// <summary>Whole-model Save/Load (issue 11): config + weights + training config + optimizer state in one file.</summary>
public sealed class ModelPersistenceTests : SavingTestBase
{
    /// <summary>x(5) → Dense(8, relu) → BatchNormalization → [Dropout(0.3)] → Dense(3, softmax).</summary>
    private static Model Functional(Optimizer optimizer, bool dropout)
    {
        var input = new Input([5], name: "x");
        var h = new Dense(8, activation: "relu", name: "hidden").Apply(input);
        h = new BatchNormalization(name: "bn").Apply(h);
        if (dropout) h = new Dropout(0.3, name: "drop").Apply(h);
        var y = new Dense(3, activation: "softmax", name: "out").Apply(h);
        var model = new Model(input, y, name: "functional");
        model.Compile(optimizer, "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }

    private string SavedFunctional(out float[] predictions, bool includeOptimizer = true)
    {
        var path = Path.Combine(Folder, "model.safetensors");
        var (x, y) = (Features(24, 5), Labels(24, 3));
        predictions = InGraph(3, () =>
        {
            var model = Functional(new Adam(0.02, clipNorm: 5), dropout: true);
            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
            model.Save(path, includeOptimizer);
            return model.Predict(Features(10, 5)).ToArray();
        });
        return path;
    }

    /// <summary>A copy of <paramref name="path"/> (same tensors) with one metadata entry rewritten.</summary>
    private string WithMetadata(string path, string key, Func<string, string> rewrite)
    {
        var copy = Path.Combine(Folder, "rewritten.safetensors");
        using var reader = SafetensorsReader.Open(path);
        var metadata = reader.Metadata.ToDictionary();
        metadata[key] = rewrite(metadata[key]);
        var tensors = reader.Entries.Values
            .Select(e => new KeyValuePair<string, TensorBuffer>(e.Name, reader.Read(e, SafetensorsDTypes.ToDType(e.DType)!.Value)))
            .ToList();
        SafetensorsWriter.Write(copy, tensors, metadata);
        return copy;
    }

    [Test]
    public void Load_FunctionalModelWithDropoutAndBatchNorm_ReproducesPredictionsAndTrainingConfig()
    {
        var path = SavedFunctional(out var expected);
        InGraph(99, () =>
        {
            var loaded = Model.Load(path);
            Assert.That(loaded.Predict(Features(10, 5)).ToArray(), Is.EqualTo(expected));
            Assert.That(loaded.Name, Is.EqualTo("functional"));
            Assert.That(loaded.Layers.Select(l => l.Name), Is.EqualTo(new[] { "x", "hidden", "bn", "drop", "out" }));
            Assert.That(loaded.IsCompiled, Is.True);
            var adam = loaded.Optimizer as Adam;
            Assert.That(adam, Is.Not.Null);
            Assert.That(adam!.ClipNorm, Is.EqualTo(5));
            Assert.That(adam.LearningRate, Is.EqualTo(0.02).Within(1e-7));
            Assert.That(K.GetValue(adam.Iterations!).Span<long>()[0], Is.EqualTo(6));
            Assert.That(loaded.MetricsNames, Is.EqualTo(new[] { "loss", "acc" }).Or.EqualTo(new[] { "loss", "accuracy" }));
            return 0;
        });
    }

    [Test]
    public void Load_SavedWithoutOptimizer_IsNotCompiledButPredictsTheSame()
    {
        var path = SavedFunctional(out var expected, includeOptimizer: false);
        InGraph(99, () =>
        {
            var loaded = Model.Load(path);
            Assert.That(loaded.IsCompiled, Is.False);
            // Predict runs the compiled predict function here; compiling again changes no weight.
            loaded.Compile("sgd", "sparse_categorical_crossentropy");
            Assert.That(loaded.Predict(Features(10, 5)).ToArray(), Is.EqualTo(expected));
            return 0;
        });
    }

    [Test]
    public void Load_Sequential_ReproducesPredictionsAndStaysSequential()
    {
        var path = Path.Combine(Folder, "seq.safetensors");
        var expected = InGraph(5, () =>
        {
            var model = new Sequential([new Dense(6, activation: "tanh") { InputShape = [5] }, new Dense(2)], name: "seq");
            model.Compile(new Sgd(0.05, momentum: 0.9, nesterov: true), "mse");
            model.Fit(Features(16, 5), Features(16, 2), batchSize: 4, epochs: 1, verbose: 0);
            model.Save(path);
            return model.Predict(Features(7, 5)).ToArray();
        });
        InGraph(6, () =>
        {
            var loaded = Model.Load(path);
            Assert.That(loaded, Is.InstanceOf<Sequential>());
            Assert.That(loaded.Predict(Features(7, 5)).ToArray(), Is.EqualTo(expected));
            var sgd = loaded.Optimizer as Sgd;
            Assert.That(sgd, Is.Not.Null);
            Assert.That((sgd!.Momentum, sgd.Nesterov), Is.EqualTo((0.9, true)));
            return 0;
        });
    }

    [Test]
    public void Load_ResumedFit_EqualsUninterruptedRun()
    {
        var path = Path.Combine(Folder, "resume.safetensors");
        var (x, y) = (Features(30, 5), Labels(30, 3));
        // With Dropout: the saved random-run counter makes the resumed run draw the same masks.
        var uninterrupted = InGraph(21, () =>
        {
            var model = Functional(new Adam(0.05), dropout: true);
            model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0);
            return WeightValues(model);
        });
        InGraph(21, () =>
        {
            var model = Functional(new Adam(0.05), dropout: true);
            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
            model.Save(path);
            return 0;
        });
        var resumed = InGraph(21, () =>
        {
            var model = Model.Load(path);
            model.Fit(x, y, batchSize: 8, epochs: 4, initialEpoch: 2, verbose: 0);
            return WeightValues(model);
        });
        Assert.That(resumed, Is.EqualTo(uninterrupted));
    }

    [Test]
    public void Load_FileTruncatedAtEveryMultipleOf7_FailsCleanlyAndBuildsNothing()
    {
        var path = SavedFunctional(out _);
        var bytes = File.ReadAllBytes(path);
        var truncated = Path.Combine(Folder, "t.safetensors");
        var graph = ComputationGraph.Default;
        int nodes = graph.Nodes.Count, attempts = 0;
        for (int length = 0; length < bytes.Length; length += 7, attempts++)
        {
            File.WriteAllBytes(truncated, bytes.AsSpan(0, length).ToArray());
            Assert.That(() => Model.Load(truncated), Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains("Invalid safetensors file"), $"length {length}");
        }
        Assert.That(attempts, Is.GreaterThan(100));
        Assert.That(graph.Nodes.Count, Is.EqualTo(nodes));
    }

    [Test]
    public void Load_WeightsOnlyFile_SaysTheModelConfigIsMissing()
    {
        var path = Path.Combine(Folder, "w.safetensors");
        Classifier().SaveWeights(path);
        Assert.That(() => Model.Load(path), Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains("model_config"));
    }

    [TestCase("model_config", "{\"class_name\": \"Model\"", "model config is invalid")]
    [TestCase("model_config", "{\"class_name\": \"NoSuchLayer\", \"config\": {}}", "NoSuchLayer")]
    [TestCase("training_config", "{\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"lr\": \"fast\"}}, \"loss\": \"mse\"}", "'lr' must be a number")]
    [TestCase("training_config", "{\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {}}, \"loss\": [\"mse\", \"mse\"]}", "2 losses for a model with 1 outputs")]
    [TestCase("training_config", "{\"optimizer_config\": {\"class_name\": \"Foo\", \"config\": {}}, \"loss\": \"mse\"}", "Unknown optimizer class 'Foo'")]
    [TestCase("training_config", "{\"optimizer_config\": {\"class_name\": \"SGD\", \"config\": {}}, \"loss\": \"no_such_loss\"}", "no_such_loss")]
    [TestCase("training_config", "{\"optimizer_config\": {\"class_name\": \"SGD\", \"config\": {}}, \"loss\": \"mse\", \"metrics\": [\"no_such_metric\"]}", "no_such_metric")]
    [TestCase("training_config", "[1, 2]", "training config is invalid")]
    public void Load_BadConfig_FailsWithAClearMessage(string key, string json, string expected)
    {
        var path = SavedFunctional(out _);
        var bad = WithMetadata(path, key, _ => json);
        Assert.That(() => Model.Load(bad), Throws.ArgumentException.With.Message.Contains(expected).And.Message.Contains(bad));
    }

    [Test]
    public void Load_UnknownOptimizerInTrainingConfig_FailsBeforeBuildingAnything()
    {
        var path = SavedFunctional(out _);
        var bad = WithMetadata(path, "training_config", _ => "{\"optimizer_config\": {\"class_name\": \"Foo\", \"config\": {}}, \"loss\": \"mse\"}");
        int nodes = ComputationGraph.Default.Nodes.Count;
        Assert.That(() => Model.Load(bad), Throws.ArgumentException);
        Assert.That(ComputationGraph.Default.Nodes.Count, Is.EqualTo(nodes));
    }

    [Test]
    public void Load_ConfigWhoseShapesDoNotFitTheWeights_NamesTheLayerAndWeight()
    {
        var path = SavedFunctional(out _);
        var bad = WithMetadata(path, "model_config", config =>
        {
            Assert.That(config, Does.Contain("\"units\":8"));
            return config.Replace("\"units\":8", "\"units\":4");
        });
        Assert.That(() => Model.Load(bad), Throws.ArgumentException.With.Message.Contains("layer 'hidden'").And.Message.Contains("(5, 4)").And.Message.Contains("(5, 8)"));
    }

    [Test]
    public void OptimizerConfig_EveryBuiltInOptimizer_RoundTripsItsHyperParameters()
    {
        Optimizer[] optimizers =
        [
            new Sgd(0.3, momentum: 0.5, nesterov: true, decay: 0.01, clipValue: 2), new RmsProp(0.2, rho: 0.8, epsilon: 1e-5, decay: 0.1),
            new Adagrad(0.4, epsilon: 1e-6, clipNorm: 3), new Adadelta(0.9, rho: 0.7, epsilon: 1e-4),
            new Adam(0.1, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, decay: 0.2, amsgrad: true), new Adamax(0.05, beta1: 0.7, beta2: 0.9),
            new Nadam(0.03, beta1: 0.85, beta2: 0.95, scheduleDecay: 0.01),
        ];
        foreach (var optimizer in optimizers)
        {
            var config = OptimizerConfig.ToConfig(optimizer);
            var copy = OptimizerConfig.FromConfig(JsonNode.Parse(config.ToJsonString())!.AsObject());
            Assert.That(copy.GetType(), Is.EqualTo(optimizer.GetType()));
            Assert.That(OptimizerConfig.ToConfig(copy).ToJsonString(), Is.EqualTo(config.ToJsonString()), optimizer.Name);
        }
    }

    [Test]
    public void Save_ReplacesAnExistingFileAtomically()
    {
        var path = SavedFunctional(out _);
        var model = Classifier();
        model.Save(path);
        Assert.That(Directory.GetFiles(Folder), Is.EqualTo(new[] { path }));
        var loaded = Model.Load(path);
        Assert.That(loaded.Layers.Select(l => l.Name), Does.Contain("hidden").And.Contain("out"));
        Assert.That(JsonNode.Parse(loaded.ToJson())!["class_name"]!.GetValue<string>(), Is.EqualTo("Model"));
    }
}
