using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Tests.Layers;
using NUnit.Framework;

namespace Graph.Tests.Semantics;

/// <summary>
/// Semantics 2, the transfer-learning pattern: model A = Dense → Dropout(0.5) → BatchNormalization is called with
/// <c>training: false</c> inside a larger model B. B's output does not use the learning phase, is identical under
/// phase 0 and 1, and B's function with its updates at phase 1 leaves A's moving statistics alone. Called without
/// <c>training</c>, A makes the output use the phase and its statistics move at phase 1 only.
/// </summary>
public sealed class LayerTransferLearningTests : LayerTestBase
{
    private Model _a = null!;
    private BatchNormalization _bn = null!;

    [SetUp]
    public void BuildBase()
    {
        var input = new Input([6]);
        _bn = new BatchNormalization();
        _a = new Model(input, _bn.Apply(new Dropout(0.5).Apply(new Dense(6, activation: "tanh").Apply(input))), name: "base");
        Set(_bn.MovingMean, 0.1f, -0.2f, 0.3f, 0f, 0.05f, -0.1f);
        Set(_bn.MovingVariance, 1.5f, 0.5f, 2f, 1f, 0.8f, 1.2f);
    }

    [Test]
    public void TransferPattern_BaseCalledWithTrainingFalse_FrozenInBothPhases()
    {
        var input = new Input([6]);
        var b = new Model(input, new Dense(2).Apply(_a.Apply(input, training: false)));
        var batch = Tensor2D(5, 6, i => MathF.Sin(i * 0.9f) * 2);
        var meanBefore = Get(_bn.MovingMean);
        var varianceBefore = Get(_bn.MovingVariance);

        var f = K.Function([.. b.Inputs, K.LearningPhase()], b.Outputs, b.Updates);
        var train = f.Call(batch, 1)[0].ToArray();
        var test = f.Call(batch, 0)[0].ToArray();

        Assert.That(b.UsesLearningPhase, Is.False);
        Assert.That(b.Output.UsesLearningPhase, Is.False);
        Assert.That(b.Updates, Is.Empty);
        Assert.That(train, Is.EqualTo(test));
        Assert.That(Get(_bn.MovingMean), Is.EqualTo(meanBefore));
        Assert.That(Get(_bn.MovingVariance), Is.EqualTo(varianceBefore));
    }

    [Test]
    public void TransferPattern_BaseCalledWithoutTraining_UsesPhaseAndUpdatesOnlyAtPhaseOne()
    {
        var input = new Input([6]);
        var c = new Model(input, new Dense(2).Apply(_a.Apply(input)));
        var batch = Tensor2D(5, 6, i => MathF.Sin(i * 0.9f) * 2);
        var meanBefore = Get(_bn.MovingMean);

        var f = K.Function([.. c.Inputs, K.LearningPhase()], c.Outputs, c.Updates);
        f.Call(batch, 0);
        var afterPhaseZero = Get(_bn.MovingMean);
        f.Call(batch, 1);

        Assert.That(c.UsesLearningPhase, Is.True);
        Assert.That(c.Updates, Has.Count.EqualTo(2));
        Assert.That(afterPhaseZero, Is.EqualTo(meanBefore), "phase 0 changes no statistic");
        Assert.That(Get(_bn.MovingMean), Is.Not.EqualTo(meanBefore), "phase 1 moves the statistics");
    }

    [Test]
    public void TransferPattern_FrozenBaseInsideTrainingCall_RunsInferenceModeStatically()
    {
        var input = new Input([6]);
        var b = new Model(input, _a.Apply(input, training: false));
        var batch = Tensor2D(3, 6, i => i * 0.1f);

        var viaB = Run(b.Input, b.Output, batch);
        var viaAInference = RunAt(_a.Input, _a.Output, batch, 0);

        Assert.That(viaB, Is.EqualTo(viaAInference).Within(1e-6), "B computes A's inference output");
    }
}
