using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>Functional, nested, shared, Sequential and subclassed models.</summary>
public sealed class NetworkTests : LayerTestBase
{
    [Test]
    public void Model_Functional_ListsLayersInputFirstAndFindsByName()
    {
        var input = new Input([4]);
        var h = new Dense(8, activation: "tanh", name: "hidden").Apply(input);
        var y = new Dense(2).Apply(new Dropout(0.5).Apply(h));

        var model = new Model(input, y);

        Assert.That(model.Layers.Select(l => l.Name), Is.EqualTo(new[] { "input_1", "hidden", "dropout", "dense" }));
        Assert.That(model.GetLayer("hidden"), Is.InstanceOf<Dense>());
        Assert.That(model.GetLayer(2).Name, Is.EqualTo("dropout"));
        Assert.That(model.Input, Is.SameAs(input.Node));
        Assert.That(model.Output, Is.SameAs(y));
        Assert.That(model.TrainableWeights, Has.Count.EqualTo(4));
        Assert.That(() => model.GetLayer("nope"), Throws.ArgumentException.With.Message.Contains("No such layer: nope"));
    }

    [Test]
    public void Model_BranchesAndMerge_OrdersLayersByDepth()
    {
        var input = new Input([4]);
        var a = new Dense(3, name: "a").Apply(input);
        var b = new Dense(3, name: "b").Apply(new Dense(3, name: "b0").Apply(input));
        var sum = Lambda.OnList(xs => G.Add(xs[0], xs[1]), name: "sum").Apply([a, b]);

        var model = new Model(input, sum);

        Assert.That(model.Layers.Select(l => l.Name), Is.EqualTo(new[] { "input_1", "b0", "a", "b", "sum" }));
    }

    [Test]
    public void Apply_ModelOnNewInput_ReusesWeightsAndGivesSameValues()
    {
        var input = new Input([3]);
        var model = new Model(input, new Dense(2, activation: "tanh").Apply(new Dense(4).Apply(input)));
        var other = K.Placeholder([null, 3], name: "other");

        var y = model.Apply(other);

        Assert.That(model.Weights, Has.Count.EqualTo(4));
        Assert.That(Graph.Nodes.Count(n => n.Op is Graph.Core.Structural.VariableOp), Is.EqualTo(4));
        var batch = Tensor2D(2, 3, i => i * 0.3f - 1);
        Assert.That(Run(other, y, batch), Is.EqualTo(Run(input, model.Output, batch)));
        Assert.That(model.GetLayer(1).Calls, Has.Count.EqualTo(1), "re-application records no new inner calls");
    }

    [Test]
    public void Model_NestedInModel_OwnsInnerWeightsAndComputesTheComposition()
    {
        var innerIn = new Input([3]);
        var inner = new Model(innerIn, new Dense(4, activation: "tanh").Apply(innerIn), name: "inner");
        var outerIn = new Input([3]);
        var outer = new Model(outerIn, new Dense(1).Apply(inner.Apply(outerIn)));

        Assert.That(outer.Layers.Select(l => l.Name), Is.EqualTo(new[] { "input_2", "inner", "dense_1" }));
        Assert.That(outer.TrainableWeights, Has.Count.EqualTo(4));
        var batch = Tensor2D(2, 3, i => i * 0.5f);
        var viaInner = Run(innerIn, inner.Output, batch);
        var kernel = Get(((Dense)outer.GetLayer("dense_1")).Kernel);
        var outerValues = Run(outerIn, outer.Output, batch);
        for (int r = 0; r < 2; r++)
            Assert.That(outerValues[r], Is.EqualTo(Enumerable.Range(0, 4).Sum(j => viaInner[r * 4 + j] * kernel[j])).Within(1e-5));
    }

    [Test]
    public void Model_SharedLayer_CountsWeightsOnceAndAppliesSameWeights()
    {
        var a = new Input([3]);
        var b = new Input([3]);
        var shared = new Dense(2);
        var model = new Model([a, b], [shared.Apply(a), shared.Apply(b)]);

        Assert.That(model.TrainableWeights, Has.Count.EqualTo(2));
        Assert.That(shared.Calls, Has.Count.EqualTo(2));
        var batch = Tensor2D(1, 3, i => i + 1);
        var f = K.Function(model.Inputs, model.Outputs);
        var result = f.Call(batch, batch);
        Assert.That(result[1].ToArray(), Is.EqualTo(result[0].ToArray()));
    }

    [Test]
    public void Model_OutputNotReachableFromInputs_ThrowsGraphDisconnected()
    {
        var a = new Input([3]);
        var b = new Input([3]);
        var y = Lambda.OnList(xs => G.Add(xs[0], xs[1])).Apply([a.Node, b.Node]);

        Assert.That(() => new Model(a, y), Throws.ArgumentException.With.Message.StartsWith("Graph disconnected: cannot obtain value for tensor input_2"));
    }

    [Test]
    public void Model_InputNotFromInput_Throws()
    {
        var x = K.Placeholder([null, 3], name: "x");

        Assert.That(() => new Model(x, new Dense(2).Apply(x)), Throws.ArgumentException.With.Message.Contains("must come from `Input`"));
    }

    [Test]
    public void Model_TwoLayersWithOneName_Throws()
    {
        var input = new Input([3]);
        var y = new Dense(2, name: "same").Apply(new Dense(3, name: "same").Apply(input));

        Assert.That(() => new Model(input, y), Throws.ArgumentException.With.Message.Contains("The name \"same\" is used 2 times in the model"));
    }

    [Test]
    public void ComputeOutputShape_Model_PropagatesThroughLayers()
    {
        var input = new Input([3]);
        var model = new Model(input, new Dense(7).Apply(new Dense(5).Apply(input)));

        Assert.That(model.ComputeOutputShape(Shape.Of(9, 3)), Is.EqualTo(Shape.Of(9, 7)));
    }

    [Test]
    public void Sequential_FirstLayerWithInputShape_BuildsGraphAsLayersAreAdded()
    {
        var model = new Sequential([new Dense(4, activation: "tanh") { InputShape = [3] }, new Dropout(0.5), new Dense(1)]);

        Assert.That(model.Layers.Select(l => l.Name), Is.EqualTo(new[] { "dense", "dropout", "dense_1" }));
        Assert.That(model.Inputs[0].Shape, Is.EqualTo(new Shape(null, 3)));
        Assert.That(model.Output.Shape, Is.EqualTo(new Shape(null, 1)));
        Assert.That(model.TrainableWeights, Has.Count.EqualTo(4));
        Assert.That(model.UsesLearningPhase, Is.True);
    }

    [Test]
    public void Sequential_WithoutInputShape_BuildsOnFirstApplication()
    {
        var model = new Sequential();
        model.Add(new Dense(4));
        model.Add(new Dense(2));
        Assert.That(model.Built, Is.False);
        var x = K.Placeholder([null, 5], name: "x");

        var y = model.Apply(x);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 2)));
        Assert.That(model.Weights, Has.Count.EqualTo(4));
        Assert.That(model.Inputs[0].Shape, Is.EqualTo(new Shape(null, 5)));
        Assert.That(Run(x, y, Tensor2D(2, 5, i => i)), Has.Length.EqualTo(4));
    }

    [Test]
    public void Sequential_InsideFunctionalModel_ActsAsALayer()
    {
        var seq = new Sequential([new Dense(3) { InputShape = [2] }]);
        var input = new Input([2]);
        var model = new Model(input, new Dense(1).Apply(seq.Apply(input)));

        Assert.That(model.Layers.Select(l => l.Name), Is.EqualTo(new[] { "input_1", "sequential", "dense_1" }));
        Assert.That(model.TrainableWeights, Has.Count.EqualTo(4));
    }

    [Test]
    public void SubclassedModel_LayersAppliedInCall_AreTrackedWithTheirWeights()
    {
        var model = new TwoDense();
        var x = K.Placeholder([null, 3], name: "x");

        var y = model.Apply(x);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 2)));
        Assert.That(model.Layers, Is.EqualTo(new Layer[] { model.First, model.Second }));
        Assert.That(model.TrainableWeights, Has.Count.EqualTo(4));
        Assert.That(model.First.Kernel.Name, Is.EqualTo("two_dense/dense/kernel"));
    }

    [Test]
    public void CustomLayer_InnerLayers_OwnWeightsAndLosses()
    {
        var block = new Block();
        var x = K.Placeholder([null, 3], name: "x");

        block.Apply(x);

        Assert.That(block.TrainableWeights, Has.Count.EqualTo(5), "own scale + two dense layers");
        Assert.That(block.TrainableWeights[0].Name, Is.EqualTo("block/scale"));
        Assert.That(block.Losses, Has.Count.EqualTo(1));
    }

    private sealed class TwoDense : Model
    {
        public Dense First { get; } = new(4, activation: "tanh");

        public Dense Second { get; } = new(2);

        protected override Node Call(Node inputs, TrainingArg training, Node? mask) => Second.Apply(First.Apply(inputs));
    }

    /// <summary>A custom layer with its own weight, two inner layers and an added loss.</summary>
    private sealed class Block : Layer
    {
        private readonly Dense _a = new(4), _b = new(3);
        private Node _scale = null!;

        protected override void Build(Shape inputShape) => _scale = AddWeight("scale", Shape.Of(1), "ones");

        protected override Node Call(Node inputs, TrainingArg training, Node? mask)
        {
            var y = _b.Apply(_a.Apply(inputs));
            AddLoss(G.Mul(_scale, 0.0));
            return G.Mul(y, _scale);
        }
    }
}
