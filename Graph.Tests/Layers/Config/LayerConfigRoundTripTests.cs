using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Layers.Config;

/// <summary>
/// Every layer of the shared harness and the recurrent harness: <c>FromConfig(GetConfig())</c> through JSON gives a layer with the same config,
/// and with <c>SetWeights(GetWeights())</c> the same outputs (phase 0) on the same inputs.
/// </summary>
public sealed class LayerConfigRoundTripTests : GraphTestBase
{
    private static IEnumerable<TestCaseData> Cases() =>
        LayerCases.All().Concat(Recurrent.RecurrentHarnessTests.LayerCases())
            .Select(c => new TestCaseData(c).SetName($"RoundTrip_{c.Name}"));

    [TestCaseSource(nameof(Cases))]
    public void FromJson_HarnessCase_SameConfigAndOutputs(LayerCase c)
    {
        var registry = ConfigTestHelpers.Registry();
        var inputs = c.InputShapes.Select((s, i) => K.Placeholder([null, .. s], c.InputDType, name: $"in{i}")).ToArray();
        var layer = c.Create();
        var output = c.AsList ? layer.Apply(inputs) : layer.Apply(inputs[0]);
        ConfigTestHelpers.Perturb(layer);

        string json = LayerRegistry.ToJson(layer);
        var copy = registry.FromJson(json);
        var copyOutput = c.AsList ? copy.Apply(inputs) : copy.Apply(inputs[0]);
        copy.SetWeights(layer.GetWeights());

        Assert.That(copy.GetType(), Is.EqualTo(layer.GetType()));
        Assert.That(LayerRegistry.ToJson(copy), Is.EqualTo(json));
        Assert.That(copy.Weights, Has.Count.EqualTo(layer.Weights.Count));
        var feeds = inputs.Select((x, i) =>
        {
            int[] dims = [3, .. x.Shape.Dims.Skip(1).Select(d => d ?? 4)];
            return c.Inputs?.Invoke(i, dims) ?? ConfigTestHelpers.Ramp(dims, i);
        }).ToArray();
        var results = ConfigTestHelpers.Run(inputs, feeds, output, copyOutput);
        Assert.That(results[1], Is.EqualTo(results[0]));
    }

    [Test]
    public void GetConfig_Dense_KerasKeys()
    {
        var dense = new Dense(4, activation: "relu", kernelRegularizer: new L2(0.5), biasConstraint: new MaxNorm(3), name: "d");

        var config = dense.GetConfig();

        Assert.That(config["name"]!.GetValue<string>(), Is.EqualTo("d"));
        Assert.That(config["units"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(config["activation"]!.GetValue<string>(), Is.EqualTo("relu"));
        Assert.That(config["use_bias"]!.GetValue<bool>(), Is.True);
        Assert.That(config["kernel_initializer"]!["class_name"]!.GetValue<string>(), Is.EqualTo("VarianceScaling"));
        Assert.That(config["kernel_initializer"]!["config"]!["mode"]!.GetValue<string>(), Is.EqualTo("fan_avg"));
        Assert.That(config["bias_initializer"]!["class_name"]!.GetValue<string>(), Is.EqualTo("Zeros"));
        Assert.That(config["kernel_regularizer"]!["class_name"]!.GetValue<string>(), Is.EqualTo("L1L2"));
        Assert.That(config["kernel_regularizer"]!["config"]!["l2"]!.GetValue<double>(), Is.EqualTo(0.5));
        Assert.That(config["bias_constraint"]!["config"]!["max_value"]!.GetValue<double>(), Is.EqualTo(3));
        Assert.That(config["bias_regularizer"], Is.Null);
    }

    [Test]
    public void FromConfig_RegularizerAndConstraint_Restored()
    {
        var dense = new Dense(4, kernelRegularizer: new L1L2(0.1, 0.2), kernelConstraint: new MinMaxNorm(0.5, 2, 0.7, 1));

        var copy = (Dense)ConfigTestHelpers.Registry().FromConfig(LayerRegistry.Serialize(dense));

        Assert.That(copy.KernelRegularizer, Is.TypeOf<L1L2>());
        Assert.That(((L1L2)copy.KernelRegularizer!).L2Factor, Is.EqualTo(0.2));
        var constraint = (MinMaxNorm)copy.KernelConstraint!;
        Assert.That((constraint.MinValue, constraint.MaxValue, constraint.Rate, constraint.Axis), Is.EqualTo((0.5, 2.0, 0.7, new[] { 1 })));
    }

    [Test]
    public void FromConfig_BatchInputShape_Restored()
    {
        var dense = new Dense(2) { InputShape = [7] };

        var copy = ConfigTestHelpers.Registry().FromConfig(LayerRegistry.Serialize(dense));

        Assert.That(copy.BatchInputShape, Is.EqualTo(new int?[] { null, 7 }));
        Assert.That(copy.GetConfig()["batch_input_shape"]!.ToJsonString(), Is.EqualTo("[null,7]"));
    }

    [Test]
    public void FromConfig_NamedCustomActivation_ResolvedThroughTheRegistry()
    {
        Func<Node, Node> cube = x => global::Graph.Ops.G.Mul(x, global::Graph.Ops.G.Mul(x, x));
        var registry = ConfigTestHelpers.Registry().RegisterFunction("cube", cube);
        var dense = new Dense(2, activation: ActivationArg.Named("cube", cube));

        var copy = (Dense)registry.FromJson(LayerRegistry.ToJson(dense));

        Assert.That(copy.Activation.Name, Is.EqualTo("cube"));
        Assert.That(copy.Activation.Function, Is.SameAs(cube));
        Assert.Throws<ArgumentException>(() => ConfigTestHelpers.Registry().FromJson(LayerRegistry.ToJson(dense)));
    }

    [Test]
    public void FromConfig_TrainableFalse_Applied()
    {
        var dense = new Dense(2) { Trainable = false };

        var copy = ConfigTestHelpers.Registry().FromJson(LayerRegistry.ToJson(dense));

        Assert.That(copy.Trainable, Is.False);
    }

    [Test]
    public void FromConfig_UnknownClass_ThrowsNamingIt()
    {
        var registry = LayerRegistry.CreateDefault();

        var e = Assert.Throws<ArgumentException>(() => registry.FromJson("""{"class_name": "MyLayer", "config": {"name": "m"}}"""));

        Assert.That(e!.Message, Does.StartWith("Unknown layer: MyLayer"));
    }

    [Test]
    public void FromConfig_CustomLayerRegistered_RoundTrips()
    {
        var registry = LayerRegistry.CreateDefault().Register(nameof(Scale), c => new Scale(c.Double("factor"), c.Name));
        var layer = new Scale(2.5, "scale");

        var copy = (Scale)registry.FromJson(LayerRegistry.ToJson(layer));

        Assert.That((copy.Factor, copy.Name), Is.EqualTo((2.5, "scale")));
    }

    [Test]
    public void GetConfig_LambdaWithoutFunctionName_ThrowsNamingTheLayer()
    {
        var lambda = new Lambda(x => x, name: "anon");

        var e = Assert.Throws<NotSupportedException>(() => lambda.GetConfig());

        Assert.That(e!.Message, Does.Contain("anon").And.Contain("FunctionName"));
    }

    [Test]
    public void FromConfig_LambdaFunctionNotRegistered_Throws()
    {
        var lambda = new Lambda(x => x) { FunctionName = "mine" };

        var e = Assert.Throws<ArgumentException>(() => LayerRegistry.CreateDefault().FromJson(LayerRegistry.ToJson(lambda)));

        Assert.That(e!.Message, Does.StartWith("Unknown function: mine"));
    }

    /// <summary>A custom layer with its own config key.</summary>
    private sealed class Scale(double factor, string? name = null) : Layer(name)
    {
        public double Factor { get; } = factor;

        protected override void AddConfig(System.Text.Json.Nodes.JsonObject config) => config["factor"] = Factor;

        protected override Node Call(Node inputs, TrainingArg training, Node? mask) => global::Graph.Ops.G.Mul(inputs, Factor);
    }
}
