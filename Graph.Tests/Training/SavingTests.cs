using System.Buffers.Binary;
using System.Text;
using Graph.Core;
using Graph.Runtime;
using Graph.Runtime.Saving;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training;

/// <summary>Acceptance 1 and 2 of the callbacks/saving issue: round trips, resuming, and hostile files.</summary>
public sealed class SavingTests : SavingTestBase
{
    private string Trained(out float[] predictions)
    {
        var path = Path.Combine(Folder, "w.safetensors");
        var model = Classifier();
        model.Fit(Features(24, 5), Labels(24, 3), batchSize: 8, epochs: 2, verbose: 0);
        model.SaveWeights(path);
        predictions = model.Predict(Features(10, 5)).ToArray();
        return path;
    }

    [Test]
    public void SaveWeights_LoadIntoFreshModel_ReproducesPredictionsExactly()
    {
        var path = Trained(out var expected);

        var actual = InGraph(99, () =>
        {
            var model = Classifier();
            Assert.That(model.Predict(Features(10, 5)).ToArray(), Is.Not.EqualTo(expected));
            model.LoadWeights(path);
            return model.Predict(Features(10, 5)).ToArray();
        });

        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(Directory.GetFiles(Folder).Select(Path.GetFileName), Is.EqualTo(new[] { "w.safetensors" }));
    }

    [Test]
    public void LoadWeights_ByOrder_IgnoresLayerNames()
    {
        var path = Trained(out var expected);

        var actual = InGraph(5, () =>
        {
            var model = Classifier(hidden: "encoder", output: "head");
            model.LoadWeights(path);
            return model.Predict(Features(10, 5)).ToArray();
        });

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void LoadWeights_ByName_LoadsMatchingLayersAndLeavesOthers()
    {
        var path = Trained(out _);
        InGraph(5, () =>
        {
            var source = Classifier();
            source.LoadWeights(path);
            var saved = WeightValues(source);
            var model = Classifier(output: "other_head", classes: 4);
            var before = WeightValues(model);
            model.LoadWeights(path, byName: true);
            var after = WeightValues(model);
            Assert.That(after[0], Is.EqualTo(saved[0]));
            Assert.That(after[1], Is.EqualTo(saved[1]));
            Assert.That(after[2], Is.EqualTo(before[2]));
            Assert.That(after[3], Is.EqualTo(before[3]));
            return 0;
        });
    }

    [Test]
    public void LoadWeights_ShapeMismatchInSecondLayer_NamesLayerAndWeightAndChangesNothing()
    {
        var path = Trained(out _);
        var model = Classifier(classes: 4);
        var before = WeightValues(model);

        Assert.That(() => model.LoadWeights(path), Throws.ArgumentException
            .With.Message.Contains("layer 'out'").And.Message.Contains("kernel").And.Message.Contains("(8, 3)"));
        Assert.That(WeightValues(model), Is.EqualTo(before));
    }

    [Test]
    public void LoadWeights_DifferentLayerCount_IsAClearError()
    {
        var path = Trained(out _);
        var input = new Graph.Ops.Layers.Input([5]);
        var model = new Model(input, new Graph.Ops.Layers.Dense(3).Apply(input));

        Assert.That(() => model.LoadWeights(path), Throws.ArgumentException.With.Message.Contains("containing 2 layers into a model with 1 layers"));
    }

    [Test]
    public void LoadWeights_FileTruncatedAtEveryMultipleOf7_FailsCleanlyAndChangesNothing()
    {
        var path = Trained(out _);
        var bytes = File.ReadAllBytes(path);
        var model = Classifier(classes: 3, units: 8);
        var before = WeightValues(model);
        var truncated = Path.Combine(Folder, "t.safetensors");
        int attempts = 0;
        for (int length = 0; length < bytes.Length; length += 7, attempts++)
        {
            File.WriteAllBytes(truncated, bytes.AsSpan(0, length).ToArray());
            Assert.That(() => model.LoadWeights(truncated), Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains("Invalid safetensors file"), $"length {length}");
        }
        Assert.That(attempts, Is.GreaterThan(100));
        Assert.That(WeightValues(model), Is.EqualTo(before));
    }

    [TestCase(1UL << 60, "{}")]
    [TestCase(40UL, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000,1000000],\"data_offsets\":[0,4000000000000000000]}}")]
    [TestCase(70UL, "{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,16]},\"__metadata__\":{}}")]
    public void LoadWeights_HeaderClaimingHugeSizes_IsRejectedWithoutAllocating(ulong claimedLength, string json)
    {
        var model = Classifier();
        var before = WeightValues(model);
        var path = Path.Combine(Folder, "hostile.safetensors");
        var header = Encoding.UTF8.GetBytes(json);
        var file = new byte[8 + header.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, claimedLength == 40 || claimedLength == 70 ? (ulong)header.Length : claimedLength);
        header.CopyTo(file, 8);
        File.WriteAllBytes(path, file);

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(() => model.LoadWeights(path), Throws.TypeOf<SafetensorsFormatException>());
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(1 << 20));
        Assert.That(WeightValues(model), Is.EqualTo(before));
    }

    [Test]
    public void LoadWeights_SafetensorsWithoutLayerMetadata_SaysItIsNotAWeightsFile()
    {
        var path = Path.Combine(Folder, "vars.safetensors");
        var model = Classifier();
        VariableSaver.Save(path, Session.For(Graph).Store, model.Weights);

        Assert.That(() => model.LoadWeights(path), Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains("not a layer weights file"));
    }

    [TestCase("[\"hidden\"]", "{\"hidden\":[\"hidden/missing\"]}", "does not hold")]
    [TestCase("[\"hidden\"", "{}", "'layer_names' is not valid")]
    [TestCase("[\"hidden\",\"hidden\"]", "{\"hidden\":[]}", "once")]
    public void LoadWeights_MalformedLayerMetadata_IsAClearErrorAndChangesNothing(string layerNames, string layerWeights, string message)
    {
        var model = Classifier();
        var before = WeightValues(model);
        var path = Path.Combine(Folder, "bad.safetensors");
        var kernel = K.GetValue(model.Weights[0]);
        SafetensorsWriter.Write(path, [new("hidden/kernel", kernel)], new Dictionary<string, string>
        {
            ["format"] = "graph.layer_weights/1", ["layer_names"] = layerNames, ["layer_weights"] = layerWeights,
        });

        Assert.That(() => model.LoadWeights(path), Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains(message));
        Assert.That(WeightValues(model), Is.EqualTo(before));
    }

    [Test]
    public void LoadTrainingState_ResumedFit_EqualsUninterruptedRun()
    {
        var path = Path.Combine(Folder, "state.safetensors");
        var (x, y) = (Features(30, 5), Labels(30, 3));

        var uninterrupted = InGraph(21, () =>
        {
            var model = Classifier(new Adam(0.05));
            model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0);
            return WeightValues(model);
        });
        InGraph(21, () =>
        {
            var model = Classifier(new Adam(0.05));
            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
            model.SaveTrainingState(path);
            return 0;
        });
        // Same graph seed: Fit's shuffle order is seeded by it.
        var (resumed, weightsOnly) = InGraph(21, () =>
        {
            var model = Classifier(new Adam(0.05));
            model.LoadTrainingState(path);
            Assert.That(model.Optimizer!.Iterations, Is.Not.Null);
            Assert.That(K.GetValue(model.Optimizer.Iterations!).Span<long>()[0], Is.EqualTo(8));
            model.Fit(x, y, batchSize: 8, epochs: 4, initialEpoch: 2, verbose: 0);
            var resumedWeights = WeightValues(model);

            // The same restart without the optimizer's state (fresh Adam moments) ends elsewhere.
            var fresh = Classifier(new Adam(0.05), hidden: "hidden_b", output: "out_b");
            fresh.LoadWeights(path);
            fresh.Fit(x, y, batchSize: 8, epochs: 4, initialEpoch: 2, verbose: 0);
            return (resumedWeights, WeightValues(fresh));
        });

        Assert.That(resumed, Is.EqualTo(uninterrupted));
        Assert.That(weightsOnly, Is.Not.EqualTo(uninterrupted));
    }

    [Test]
    public void Fit_SplitIntoTwoCallsWithInitialEpoch_EqualsOneCall()
    {
        var (x, y) = (Features(30, 5), Labels(30, 3));
        var one = InGraph(21, () =>
        {
            var model = Classifier(new Adam(0.05));
            model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0);
            return WeightValues(model);
        });
        var two = InGraph(21, () =>
        {
            var model = Classifier(new Adam(0.05));
            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
            model.Fit(x, y, batchSize: 8, epochs: 4, initialEpoch: 2, verbose: 0);
            return WeightValues(model);
        });
        Assert.That(two, Is.EqualTo(one));
    }

    [Test]
    public void LoadTrainingState_FileFromSaveWeights_SaysItHasNoOptimizerState()
    {
        var path = Trained(out _);
        var model = Classifier();
        Assert.That(() => model.LoadTrainingState(path), Throws.ArgumentException.With.Message.Contains("no optimizer state"));
    }
}
