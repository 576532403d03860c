using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Tests.Layers;
using NUnit.Framework;

namespace Graph.Tests.Semantics;

/// <summary>
/// Semantics 3: Trainable concerns weights, not behaviour — a frozen Dropout still drops; a frozen BatchNormalization
/// runs in inference mode without updates; setting Trainable on a model sets it on every inner layer, nested models included.
/// </summary>
public sealed class LayerTrainableTests : LayerTestBase
{
    [Test]
    public void Trainable_FalseOnDropout_StillDropsAtPhaseOne()
    {
        var dropout = new Dropout(0.5) { Trainable = false };
        var model = new Sequential([new Dense(10, kernelInitializer: "ones", useBias: false) { InputShape = [10], Trainable = false }, dropout]);
        model.Layers[0].Trainable = false;
        var f = K.Function([.. model.Inputs, K.LearningPhase()], model.Outputs);
        var ones = Ones(1, 10);
        var dense = (Dense)model.Layers[0];
        Set(dense.Kernel, Enumerable.Range(0, 100).Select(i => i % 11 == 0 ? 1f : 0f).ToArray());

        var train = f.Call(ones, 1)[0].ToArray();
        var test = f.Call(ones, 0)[0].ToArray();

        Assert.That(train, Has.All.Matches<float>(v => v == 0f || v == 2f));
        Assert.That(train, Does.Contain(0f));
        Assert.That(test, Has.All.EqualTo(1f));
    }

    [Test]
    public void Trainable_SetOnModel_RecursesIntoNestedModels()
    {
        var innerIn = new Input([3]);
        var innerDense = new Dense(3);
        var inner = new Model(innerIn, innerDense.Apply(innerIn));
        var outerIn = new Input([3]);
        var outerDense = new Dense(1);
        var outer = new Model(outerIn, outerDense.Apply(inner.Apply(outerIn)));

        outer.Trainable = false;

        Assert.That(new Layer[] { inner, innerDense, outerDense }.Select(l => l.Trainable), Has.All.False);
        Assert.That(outer.TrainableWeights, Is.Empty);
        Assert.That(outer.NonTrainableWeights, Has.Count.EqualTo(4));

        outer.Trainable = true;
        Assert.That(innerDense.Trainable, Is.True);
        Assert.That(outer.TrainableWeights, Has.Count.EqualTo(4));
    }

    [Test]
    public void Trainable_FalseOnModelButInnerLayerTrue_ModelHasNoTrainableWeights()
    {
        var input = new Input([3]);
        var dense = new Dense(2);
        var model = new Model(input, dense.Apply(input));

        model.Trainable = false;
        dense.Trainable = true;

        Assert.That(model.TrainableWeights, Is.Empty, "tf.keras: the model's own flag wins");
        Assert.That(dense.TrainableWeights, Has.Count.EqualTo(2));
    }

    [Test]
    public void Trainable_FalseOnBatchNormalization_InferenceModeInBothPhasesWithoutUpdates()
    {
        var bn = new BatchNormalization { Trainable = false };
        var x = K.Placeholder([null, 3], name: "x");
        var y = bn.Apply(x);
        Set(bn.MovingMean, 1, 2, 3);
        Set(bn.MovingVariance, 4, 4, 4);
        var f = K.Function([x, K.LearningPhase()], [y], bn.Updates);

        var train = f.Call(Tensor2D(2, 3, i => i), 1)[0].ToArray();
        var test = f.Call(Tensor2D(2, 3, i => i), 0)[0].ToArray();

        Assert.That(y.UsesLearningPhase, Is.False);
        Assert.That(bn.Updates, Is.Empty);
        Assert.That(train, Is.EqualTo(test));
        Assert.That(train[0], Is.EqualTo((0 - 1) / MathF.Sqrt(4 + 1e-3f)).Within(1e-6));
        Assert.That(Get(bn.MovingMean), Is.EqualTo(new float[] { 1, 2, 3 }));
        Assert.That(bn.TrainableWeights, Is.Empty);
        Assert.That(bn.NonTrainableWeights, Has.Count.EqualTo(4));
    }
}
