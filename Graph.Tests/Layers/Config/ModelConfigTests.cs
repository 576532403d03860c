using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Layers.Config;

/// <summary>Functional, Sequential and nested model configs: JSON round trips that keep the graph of calls and the outputs.</summary>
public sealed class ModelConfigTests : GraphTestBase
{
    [Test]
    public void FromJson_FunctionalWithSharedLayer_SameGraphAndOutputs()
    {
        var a = new Input([4], name: "a");
        var b = new Input([4], name: "b");
        var shared = new Dense(3, activation: "tanh", name: "shared");
        var merged = new Concatenate(name: "concat").Apply([shared.Apply(a), shared.Apply(b)]);
        var normed = new BatchNormalization(name: "bn").Apply(merged);
        var model = new Model([a, b], [new Dense(2, activation: "softmax", name: "head").Apply(normed)], name: "siamese");
        ConfigTestHelpers.Perturb(model);

        string json = model.ToJson();
        var copy = Model.FromJson(json, ConfigTestHelpers.Registry());
        copy.SetWeights(model.GetWeights());

        Assert.That(copy.ToJson(), Is.EqualTo(json));
        Assert.That(copy.GetLayer("shared").Calls, Has.Count.EqualTo(2));
        var layers = JsonNode.Parse(json)!["config"]!["layers"]!.AsArray();
        var concat = layers.Single(l => l!["name"]!.GetValue<string>() == "concat")!;
        Assert.That(concat["inbound_nodes"]!.ToJsonString(), Is.EqualTo("""[[["shared",0,0,{}],["shared",1,0,{}]]]"""));
        var feeds = new[] { ConfigTestHelpers.Ramp([5, 4]), ConfigTestHelpers.Ramp([5, 4], 3) };
        var results = ConfigTestHelpers.Run([.. model.Inputs, .. copy.Inputs], [.. feeds, .. feeds], model.Output, copy.Output);
        Assert.That(results[1], Is.EqualTo(results[0]));
    }

    [Test]
    public void FromJson_Sequential_SameConfigAndOutputs()
    {
        var model = new Sequential([
            new Embedding(20, 4) { InputShape = [6] },
            new Conv1D(3, 2, activation: "relu"),
            new MaxPooling1D(),
            new Flatten(),
            new Dropout(0.3, seed: 1),
            new Dense(2),
        ], name: "seq");
        ConfigTestHelpers.Perturb(model);

        string json = model.ToJson();
        var copy = (Sequential)Model.FromJson(json);
        copy.SetWeights(model.GetWeights());

        Assert.That(copy.ToJson(), Is.EqualTo(json));
        Assert.That(JsonNode.Parse(json)!["config"]!["layers"]![0]!["config"]!["batch_input_shape"]!.ToJsonString(), Is.EqualTo("[null,6]"));
        var feed = ConfigTestHelpers.IntRamp([3, 6], 20);
        var results = ConfigTestHelpers.Run([model.Input, copy.Input], [feed, feed], model.Output, copy.Output);
        Assert.That(results[1], Is.EqualTo(results[0]));
    }

    [Test]
    public void FromJson_NestedModels_SameConfigAndOutputs()
    {
        var innerInput = new Input([3]);
        var inner = new Model(innerInput, new Dense(4, activation: "relu", name: "inner_dense").Apply(innerInput), name: "inner");
        var stack = new Sequential([new Dense(4, name: "s1"), new Dense(2, name: "s2")], name: "stack");
        var x = new Input([3], name: "x");
        var outer = new Model(x, stack.Apply(inner.Apply(x)), name: "outer");
        ConfigTestHelpers.Perturb(outer);

        string json = outer.ToJson();
        var copy = Model.FromJson(json);
        copy.SetWeights(outer.GetWeights());

        Assert.That(copy.ToJson(), Is.EqualTo(json));
        Assert.That(copy.GetLayer("inner"), Is.TypeOf<Model>());
        Assert.That(copy.GetLayer("stack"), Is.TypeOf<Sequential>());
        var feed = ConfigTestHelpers.Ramp([2, 3]);
        var results = ConfigTestHelpers.Run([outer.Input, copy.Input], [feed, feed], outer.Output, copy.Output);
        Assert.That(results[1], Is.EqualTo(results[0]));
    }

    [Test]
    public void FromJson_MultiOutputLayer_TensorIndicesKept()
    {
        var x = new Input([5, 2], name: "x");
        var lstm = new LSTM(3, returnState: true, name: "lstm");
        var outs = lstm.ApplyMultiple([x]);
        var sum = new Add(name: "states").Apply([outs[1], outs[2]]);
        var model = new Model([x], [outs[0], sum], name: "m");
        ConfigTestHelpers.Perturb(model);

        string json = model.ToJson();
        var copy = Model.FromJson(json);
        copy.SetWeights(model.GetWeights());

        Assert.That(copy.ToJson(), Is.EqualTo(json));
        var config = JsonNode.Parse(json)!["config"]!;
        Assert.That(config["input_layers"]!.ToJsonString(), Is.EqualTo("""[["x",0,0]]"""));
        Assert.That(config["output_layers"]!.ToJsonString(), Is.EqualTo("""[["lstm",0,0],["states",0,0]]"""));
        var states = config["layers"]!.AsArray().Single(l => l!["name"]!.GetValue<string>() == "states")!;
        Assert.That(states["inbound_nodes"]!.ToJsonString(), Is.EqualTo("""[[["lstm",0,1,{}],["lstm",0,2,{}]]]"""));
        var feed = ConfigTestHelpers.Ramp([2, 5, 2]);
        var results = ConfigTestHelpers.Run([model.Input, copy.Input], [feed, feed], model.Outputs[0], model.Outputs[1], copy.Outputs[0], copy.Outputs[1]);
        Assert.That(results[2], Is.EqualTo(results[0]));
        Assert.That(results[3], Is.EqualTo(results[1]));
    }

    [Test]
    public void FromJson_ExplicitTrainingArgument_Replayed()
    {
        var x = new Input([8]);
        var model = new Model(x, new Dropout(0.5, seed: 2, name: "drop").Apply(x, training: true));

        var copy = Model.FromJson(model.ToJson());

        Assert.That(copy.GetLayer("drop").Calls[0].ExplicitTraining.IsStatic, Is.True);
        Assert.That(copy.GetLayer("drop").Calls[0].ExplicitTraining.StaticValue, Is.True);
    }

    [Test]
    public void GetWeights_Model_LayerByLayerTrainableFirst()
    {
        var x = new Input([3]);
        var bn = new BatchNormalization(name: "bn");
        var dense = new Dense(2, name: "d");
        var model = new Model(x, dense.Apply(bn.Apply(x)));

        var names = LayerWeights.Ordered(model).Select(p => p.Weight.Name).ToArray();

        Assert.That(names, Is.EqualTo(new[] { "bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance", "d/kernel", "d/bias" }));
        Assert.That(model.GetWeights().Select(w => w.Dims), Is.EqualTo(new[] { new[] { 3 }, [3], [3], [3], [3, 2], [2] }));
    }

    [Test]
    public void SetWeights_WrongCount_ThrowsNamingTheLayerAndChangesNothing()
    {
        var x = new Input([3]);
        var model = new Model(x, new Dense(2, name: "d").Apply(x), name: "m");
        var before = model.GetWeights();

        var e = Assert.Throws<ArgumentException>(() => model.SetWeights([before[0]]));

        Assert.That(e!.Message, Does.Contain("\"m\"").And.Contain("length 1").And.Contain("expecting 2"));
        Assert.That(model.GetWeights()[0].ContentEquals(before[0]), Is.True);
    }

    [Test]
    public void SetWeights_WrongShapeOfSecond_ThrowsNamingTheWeightAndSetsNone()
    {
        var x = new Input([3]);
        var model = new Model(x, new Dense(2, name: "d").Apply(x));
        var before = model.GetWeights();
        var kernel = TensorBuffer.Zeros(DType.Float32, 3, 2);
        kernel.Span<float>().Fill(7);

        var e = Assert.Throws<ArgumentException>(() => model.SetWeights([kernel, TensorBuffer.Zeros(DType.Float32, 3)]));

        Assert.That(e!.Message, Does.Contain("Layer d").And.Contain("d/bias").And.Contain("(3,)"));
        Assert.That(model.GetWeights()[0].ContentEquals(before[0]), Is.True, "the kernel was not set");
    }
}
