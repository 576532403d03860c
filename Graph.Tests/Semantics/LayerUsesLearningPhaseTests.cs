using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Semantics;

/// <summary>
/// Semantics 5: UsesLearningPhase of any layer output and of a model is the reachability of the learning-phase node,
/// through nested models, shared layers and custom layers — never set by hand.
/// </summary>
public sealed class LayerUsesLearningPhaseTests : GraphTestBase
{
    [Test]
    public void UsesLearningPhase_DenseOnly_False()
    {
        var input = new Input([3]);
        var model = new Model(input, new Dense(2).Apply(new Dense(3).Apply(input)));

        Assert.That(model.UsesLearningPhase, Is.False);
        Assert.That(model.Output.UsesLearningPhase, Is.False);
    }

    [Test]
    public void UsesLearningPhase_NestedModelWithDropout_PropagatesToOuterModel()
    {
        var innerIn = new Input([3]);
        var inner = new Model(innerIn, new Dropout(0.3).Apply(new Dense(3).Apply(innerIn)));
        var outerIn = new Input([3]);
        var outer = new Model(outerIn, new Dense(1).Apply(inner.Apply(outerIn)));

        Assert.That(inner.UsesLearningPhase, Is.True);
        Assert.That(outer.UsesLearningPhase, Is.True);
    }

    [Test]
    public void UsesLearningPhase_NestedModelCalledWithTrainingFalse_False()
    {
        var innerIn = new Input([3]);
        var inner = new Model(innerIn, new Dropout(0.3).Apply(innerIn));
        var outerIn = new Input([3]);
        var outer = new Model(outerIn, new Dense(1).Apply(inner.Apply(outerIn, training: false)));

        Assert.That(outer.UsesLearningPhase, Is.False);
    }

    [Test]
    public void UsesLearningPhase_SharedLayer_FlagsOnlyThePathThroughDropout()
    {
        var a = new Input([3]);
        var b = new Input([3]);
        var shared = new Dense(2);
        var plain = shared.Apply(a);
        var dropped = shared.Apply(new Dropout(0.5).Apply(b));
        var model = new Model([a, b], [plain, dropped]);

        Assert.That(plain.UsesLearningPhase, Is.False);
        Assert.That(dropped.UsesLearningPhase, Is.True);
        Assert.That(model.UsesLearningPhase, Is.True);
        Assert.That(new Model(a, plain).UsesLearningPhase, Is.False);
    }

    [Test]
    public void UsesLearningPhase_CustomLayerWithInnerDropout_DerivedWithoutAnyFlagSet()
    {
        var x = K.Placeholder([null, 4], name: "x");

        var y = new NoisyBlock().Apply(x);

        Assert.That(y.UsesLearningPhase, Is.True);
        Assert.That(new NoisyBlock().Apply(x, training: false).UsesLearningPhase, Is.False);
    }

    [Test]
    public void UsesLearningPhase_Function_OnlyWhenAnOutputUsesIt()
    {
        var input = new Input([3]);
        var hidden = new Dense(3).Apply(input);
        var output = new Dropout(0.5).Apply(hidden);

        Assert.That(K.Function([input], [hidden]).UsesLearningPhase, Is.False);
        Assert.That(K.Function([input], [output]).UsesLearningPhase, Is.True);
    }

    private sealed class NoisyBlock : Layer
    {
        private readonly Dense _dense = new(4);
        private readonly Dropout _dropout = new(0.5);

        protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Tanh(_dropout.Apply(_dense.Apply(inputs)));
    }
}
