using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Semantics;

/// <summary>Acceptance 2 of the foundation: the rules of InTrainPhase (DESIGN §2).</summary>
public sealed class InTrainPhaseTests : GraphTestBase
{
    private Node _x = null!, _alt = null!;

    [SetUp]
    public void Build()
    {
        _x = K.Placeholder([null, 3], name: "x");
        _alt = K.Tanh(_x);
    }

    private static IEnumerable<TestCaseData> StaticValues()
    {
        yield return new TestCaseData((TrainingArg)true, true).SetName("InTrainPhase_True_ReturnsXWithoutSwitch");
        yield return new TestCaseData((TrainingArg)false, false).SetName("InTrainPhase_False_ReturnsAltWithoutSwitch");
        yield return new TestCaseData((TrainingArg)1, true).SetName("InTrainPhase_One_ReturnsXWithoutSwitch");
        yield return new TestCaseData((TrainingArg)0, false).SetName("InTrainPhase_Zero_ReturnsAltWithoutSwitch");
    }

    [TestCaseSource(nameof(StaticValues))]
    public void InTrainPhase_StaticValue_BuildsNoNodeAndNoFlag(TrainingArg training, bool expectX)
    {
        int nodesBefore = Graph.Nodes.Count;

        var result = K.InTrainPhase(_x, _alt, training);

        Assert.That(result, Is.SameAs(expectX ? _x : _alt));
        Assert.That(Graph.Nodes.Count, Is.EqualTo(nodesBefore));
        Assert.That(result.UsesLearningPhase, Is.False);
    }

    [Test]
    public void InTrainPhase_StaticValue_NeverBuildsTheOtherBranch()
    {
        bool altBuilt = false;

        K.InTrainPhase(() => _x, () => { altBuilt = true; return _alt; }, training: true);

        Assert.That(altBuilt, Is.False);
    }

    [Test]
    public void InTrainPhase_IntOtherThanZeroOrOne_Throws()
    {
        Assert.That(() => K.InTrainPhase(_x, _alt, training: 2), Throws.ArgumentException.With.Message.Contains("0 or 1"));
    }

    [Test]
    public void Dropout_UnderSetLearningPhaseOne_IsStaticAndDoesNotUsePhase()
    {
        Graph.SetLearningPhase(1);

        var y = K.Dropout(_x, 0.5);

        Assert.That(y.Op, Is.Not.TypeOf<SwitchOp>());
        Assert.That(y.UsesLearningPhase, Is.False);
        var f = K.Function([_x], [y]);
        var values = f.Call(Ones(1, 3))[0].ToArray();
        Assert.That(values, Has.All.Matches<float>(v => v == 0f || v == 2f));
    }

    [Test]
    public void LearningPhaseScope_Disposed_RestoresDeferredPhase()
    {
        using (K.LearningPhaseScope(0))
            Assert.That(K.Dropout(_x, 0.5), Is.SameAs(_x));

        Assert.That(K.Dropout(_x, 0.5).UsesLearningPhase, Is.True);
    }

    [Test]
    public void SetLearningPhase_Two_ThrowsKerasMessage()
    {
        Assert.That(() => K.SetLearningPhase(2), Throws.ArgumentException.With.Message.Contains("Expected learning phase to be 0 or 1."));
    }

    [Test]
    public void InTrainPhase_BoolPlaceholder_IsSwitchWithoutFlag()
    {
        var training = K.Placeholder(Shape.Scalar, DType.Bool, name: "training");

        var y = K.InTrainPhase(_x, _alt, training);

        Assert.That(y.Op, Is.TypeOf<SwitchOp>());
        Assert.That(y.UsesLearningPhase, Is.False);
    }

    [Test]
    public void InTrainPhase_BoolPlaceholderWithBranchUsingPhase_CarriesFlag()
    {
        var training = K.Placeholder(Shape.Scalar, DType.Bool, name: "training");
        var dropped = K.Dropout(_x, 0.5);

        var y = K.InTrainPhase(dropped, _alt, training);

        Assert.That(y.Op, Is.TypeOf<SwitchOp>());
        Assert.That(y.UsesLearningPhase, Is.True);
    }

    [Test]
    public void InTrainPhase_ExplicitLearningPhaseNode_CarriesFlag()
    {
        var y = K.InTrainPhase(_x, _alt, K.LearningPhase());

        Assert.That(y.UsesLearningPhase, Is.True);
    }

    [Test]
    public void InTrainPhase_CallContextTraining_OverridesScopeAndNode()
    {
        using (K.LearningPhaseScope(0))
        using (Graph.PushCallTraining(true))
            Assert.That(K.InTrainPhase(_x, _alt), Is.SameAs(_x));
    }

    [Test]
    public void InTrainPhase_ExplicitArgument_OverridesCallContext()
    {
        using (Graph.PushCallTraining(true))
            Assert.That(K.InTrainPhase(_x, _alt, training: false), Is.SameAs(_alt));
    }

    private (Graph.Runtime.Function F, Node P) BuildSwitchWithFailingElseBranch()
    {
        var p = K.Placeholder(Shape.Scalar, DType.Bool, name: "p");
        var m = K.Placeholder([null, null], name: "m");
        // The else-branch fails at run time (inner dimensions 3 and 5 differ) whenever it is computed.
        var failing = G.Add(_x, G.Mul(G.SumToShape(K.Dot(_x, m), _x), 0.0));
        var y = K.Switch(p, G.Mul(_x, 2.0), failing);
        return (K.Function([_x, p, m], [y]), p);
    }

    [Test]
    public void Switch_FedTrue_SkipsTheUntakenFailingBranch()
    {
        var (f, _) = BuildSwitchWithFailingElseBranch();

        var result = f.Call(Ones(1, 3), true, Ones(5, 2))[0].ToArray();

        Assert.That(result, Has.All.EqualTo(2f));
    }

    [Test]
    public void Switch_FedFalse_RunsTheFailingBranchAndNamesIt()
    {
        var (f, _) = BuildSwitchWithFailingElseBranch();

        Assert.That(() => f.Call(Ones(1, 3), false, Ones(5, 2)),
            Throws.TypeOf<Graph.Runtime.Execution.ExecutionException>().With.Message.Contains("MatMul").And.Message.Contains("(5, 2)"));
    }
}
