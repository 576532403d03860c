using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>Gradients reach every trainable weight of a model (through Dropout's Switch, BatchNormalization, copies).</summary>
public sealed class LayerGradientTests : LayerTestBase
{
    [Test]
    public void Gradients_ModelWithDropoutAndBatchNorm_ReachEveryTrainableWeight()
    {
        var input = new Input([4]);
        var h = new BatchNormalization().Apply(new Dropout(0.3).Apply(new Dense(5, activation: "relu").Apply(input)));
        var model = new Model(input, new Dense(1).Apply(new Activation("linear").Apply(h)));
        var loss = G.Mean(G.Square(model.Output));

        var gradients = G.Gradients(loss, model.TrainableWeights);

        Assert.That(model.TrainableWeights, Has.Count.EqualTo(6));
        Assert.That(gradients, Has.All.Not.Null);
        var f = K.Function([model.Input, K.LearningPhase()], gradients.Select(g => g!).ToArray());
        var result = f.Call(Tensor2D(8, 4, i => MathF.Sin(i)), 1);
        Assert.That(Enumerable.Range(0, result.Count).All(i => result[i].ToArray().All(float.IsFinite)), Is.True);
    }

    [Test]
    public void Gradients_DenseKernel_MatchesClosedForm()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var dense = new Dense(1, useBias: false);
        var loss = G.Sum(dense.Apply(x));

        var gradient = G.Gradients(loss, [dense.Kernel])[0]!;

        var values = K.Function([x], [gradient]).Call(Tensor2D(3, 2, i => i + 1))[0].ToArray();
        Assert.That(values, Is.EqualTo(new float[] { 1 + 3 + 5, 2 + 4 + 6 }));
    }
}
