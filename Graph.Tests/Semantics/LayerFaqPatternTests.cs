using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Tests.Layers;
using NUnit.Framework;

namespace Graph.Tests.Semantics;

/// <summary>
/// Semantics 6, the Keras FAQ pattern: <c>K.function([model.input, K.learning_phase()], [model.get_layer("hidden").output])</c>
/// returns intermediate activations, with dropout active at phase 1 and not at phase 0.
/// </summary>
public sealed class LayerFaqPatternTests : LayerTestBase
{
    [Test]
    public void FaqPattern_IntermediateOutput_DropoutOnlyAtPhaseOne()
    {
        var input = new Input([10]);
        var first = new Dense(32, activation: "tanh", name: "first");
        var h = first.Apply(input);
        var hidden = new Dropout(0.5, name: "hidden").Apply(h);
        var model = new Model(input, new Dense(2).Apply(hidden));
        var batch = Tensor2D(4, 10, i => (i % 7) * 0.2f - 0.5f);

        var getHidden = K.Function([model.Input, K.LearningPhase()], [model.GetLayer("hidden").Output]);
        var atTest = getHidden.Call(batch, 0)[0].ToArray();
        var atTrain = getHidden.Call(batch, 1)[0].ToArray();

        var activations = K.Function([model.Input], [model.GetLayer("first").Output]).Call(batch)[0].ToArray();
        Assert.That(atTest, Is.EqualTo(activations), "phase 0: the plain activations");
        Assert.That(atTrain.Select((v, i) => v == 0f || Math.Abs(v - 2 * activations[i]) < 1e-6), Has.All.True, "phase 1: dropped or scaled by 2");
        Assert.That(atTrain.Count(v => v == 0f), Is.InRange(32, 96), "about half of 128 dropped");
    }
}
