using Graph.Core.Structural;
using Graph.Ops.Random;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>Acceptance 3 of the foundation: what each phase's plan contains, and golden dumps.</summary>
public sealed class PlanInspectionTests : GraphTestBase
{
    private Graph.Runtime.Function BuildDropoutFunction()
    {
        var x = K.Placeholder([null, 10], name: "x");
        var y = K.Dropout(x, 0.5, seed: 3);
        return K.Function([x, K.LearningPhase()], [y]);
    }

    [Test]
    public void PlanFor_PhaseZero_HasNoSwitchAndNoRandomOp()
    {
        var plan = BuildDropoutFunction().PlanFor(phase: 0);

        Assert.That(plan.StepOps, Has.None.TypeOf<SwitchOp>());
        Assert.That(plan.StepOps, Has.None.TypeOf<RandomUniformOp>());
        Assert.That(plan.UsesRandom, Is.False);
    }

    [Test]
    public void PlanFor_PhaseOne_HasNoSwitchButDraws()
    {
        var plan = BuildDropoutFunction().PlanFor(phase: 1);

        Assert.That(plan.StepOps, Has.None.TypeOf<SwitchOp>());
        Assert.That(plan.StepOps, Has.Some.TypeOf<RandomUniformOp>());
    }

    [Test]
    public void PlanFor_PhaseNotFed_FoldsToInference()
    {
        var x = K.Placeholder([null, 10], name: "x");
        var f = K.Function([x], [K.Dropout(x, 0.5)]);

        Assert.That(f.PlanFor().StepOps, Is.Empty);
    }

    [Test]
    public void DropoutGraph_TextDump_MatchesGolden()
    {
        BuildDropoutFunction();

        Golden.AssertMatches("dropout_graph.txt", Graph.View().ToText());
    }

    [Test]
    public void DropoutGraph_Dot_MatchesGolden()
    {
        BuildDropoutFunction();

        Golden.AssertMatches("dropout_graph.dot", Graph.View().ToDot());
    }
}
