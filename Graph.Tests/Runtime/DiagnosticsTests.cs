using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>Acceptance 7 of the foundation: the silent "dropout never active" mistake is reported.</summary>
public sealed class DiagnosticsTests : GraphTestBase
{
    [Test]
    public void Function_OutputsUsePhaseButPhaseNotInput_WarnsOnceOnFirstCall()
    {
        var sink = new ListWarningSink();
        Session.For(Graph).Warnings = sink;
        var x = K.Placeholder([null, 4], name: "x");
        var f = K.Function([x], [K.Dropout(x, 0.5)]);

        f.Call(Ones(1, 4));
        f.Call(Ones(1, 4));

        Assert.That(f.UsesLearningPhase, Is.True);
        Assert.That(f.FeedsLearningPhase, Is.False);
        Assert.That(sink.Messages, Has.Count.EqualTo(1));
        Assert.That(sink.Messages[0], Does.Contain("learning phase").And.Contain("defaults to 0"));
    }

    [Test]
    public void Function_PhaseFed_DoesNotWarn()
    {
        var sink = new ListWarningSink();
        Session.For(Graph).Warnings = sink;
        var x = K.Placeholder([null, 4], name: "x");
        var f = K.Function([x, K.LearningPhase()], [K.Dropout(x, 0.5)]);

        f.Call(Ones(1, 4), 1);

        Assert.That(f.FeedsLearningPhase, Is.True);
        Assert.That(sink.Messages, Is.Empty);
    }

    [Test]
    public void Function_OutputsDoNotUsePhase_ReportsSoAndDoesNotWarn()
    {
        var sink = new ListWarningSink();
        Session.For(Graph).Warnings = sink;
        var x = K.Placeholder([null, 4], name: "x");
        var f = K.Function([x], [K.Tanh(x)]);

        f.Call(Ones(1, 4));

        Assert.That(f.UsesLearningPhase, Is.False);
        Assert.That(sink.Messages, Is.Empty);
    }
}
