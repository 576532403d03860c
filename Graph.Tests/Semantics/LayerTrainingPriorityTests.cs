using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Tests.Layers;
using NUnit.Framework;

namespace Graph.Tests.Semantics;

/// <summary>
/// Semantics 1: the training argument's priority, all four levels — explicit argument &gt; the enclosing layer/model
/// call's value &gt; SetLearningPhase/LearningPhaseScope &gt; the learning-phase node bound at feed time.
/// </summary>
public sealed class LayerTrainingPriorityTests : LayerTestBase
{
    [Test]
    public void TrainingPriority_AllFourLevels_EachOverridesTheNext()
    {
        var ones = Ones(1, 100);

        // Level 4: nothing given — a Switch on the phase node, decided when fed.
        var x = K.Placeholder([null, 100], name: "x");
        var deferred = new Dropout(0.5).Apply(x);
        Assert.That(deferred.Op, Is.TypeOf<SwitchOp>());
        Assert.That(IsDroppedOnes(RunAt(x, deferred, ones, 1)), Is.True);
        Assert.That(RunAt(x, deferred, ones, 0), Has.All.EqualTo(1f));

        // Level 3 beats 4: the phase scope fixes it when the layer is applied.
        Node scoped;
        using (K.LearningPhaseScope(1)) scoped = new Dropout(0.5).Apply(x);
        Assert.That(scoped.UsesLearningPhase, Is.False);
        Assert.That(IsDroppedOnes(RunAt(x, scoped, ones, 0)), Is.True);

        // Level 2 beats 3: the enclosing model call's value reaches the inner Dropout.
        var input = new Input([100]);
        var model = new Model(input, new Dropout(0.5).Apply(input));
        Node enclosed;
        using (K.LearningPhaseScope(1)) enclosed = model.Apply(x, training: false);
        Assert.That(enclosed.UsesLearningPhase, Is.False);
        Assert.That(RunAt(x, enclosed, ones, 1), Has.All.EqualTo(1f));

        // Level 1 beats 2: an explicit argument recorded inside the model wins over the model call's value.
        var input2 = new Input([100]);
        var explicitModel = new Model(input2, new Dropout(0.5).Apply(input2, training: true));
        var forced = explicitModel.Apply(x, training: false);
        Assert.That(forced.UsesLearningPhase, Is.False);
        Assert.That(IsDroppedOnes(RunAt(x, forced, ones, 0)), Is.True);
    }

    [Test]
    public void TrainingPriority_ExplicitArgumentUnderScope_WinsOverScope()
    {
        var x = K.Placeholder([null, 100], name: "x");

        Node y;
        using (K.LearningPhaseScope(0)) y = new Dropout(0.5).Apply(x, training: true);

        Assert.That(IsDroppedOnes(Run(x, y, Ones(1, 100))), Is.True);
    }

    [Test]
    public void TrainingPriority_EnclosingTrue_ReachesLayersInsideCustomLayer()
    {
        var x = K.Placeholder([null, 100], name: "x");
        var outer = new Lambda(v => new Dropout(0.5).Apply(v, mask: null));

        var y = outer.Apply(x, training: true);

        Assert.That(y.UsesLearningPhase, Is.False);
        Assert.That(IsDroppedOnes(Run(x, y, Ones(1, 100))), Is.True);
    }

    [Test]
    public void TrainingPriority_ModelCalledWithoutTraining_DefersToPhaseNode()
    {
        var input = new Input([100]);
        var model = new Model(input, new Dropout(0.5).Apply(input));
        var x = K.Placeholder([null, 100], name: "x");

        var y = model.Apply(x);

        Assert.That(y.UsesLearningPhase, Is.True);
        Assert.That(IsDroppedOnes(RunAt(x, y, Ones(1, 100), 1)), Is.True);
        Assert.That(RunAt(x, y, Ones(1, 100), 0), Has.All.EqualTo(1f));
    }

    [Test]
    public void TrainingPriority_PhaseNodeGivenExplicitly_StillUsesThePhase()
    {
        var x = K.Placeholder([null, 100], name: "x");

        var y = new Dropout(0.5).Apply(x, training: K.LearningPhase());

        Assert.That(y.UsesLearningPhase, Is.True, "derived flag: Keras 2 would forget it here, we do not");
        Assert.That(IsDroppedOnes(RunAt(x, y, Ones(1, 100), 1)), Is.True);
    }
}
