using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>The loop op when built: argument errors with Keras's wording, tuple rules, and plan inspection.</summary>
public sealed class LoopBuildTests : GraphTestBase
{
    [Test]
    public void Scan_MaskWithoutStates_ThrowsKerasError()
    {
        var x = K.Placeholder([null, 3, 1], name: "x");
        var mask = K.Placeholder([null, 3], DType.Bool, name: "mask");

        var e = Assert.Throws<ArgumentException>(() => G.Scan((xt, s) => (xt, s), x, [], mask: mask));
        Assert.That(e!.Message, Does.StartWith("No initial states provided! When using masking in an RNN"));
    }

    [Test]
    public void Scan_InputOfRankTwo_ThrowsKerasError()
    {
        var x = K.Placeholder([null, 3], name: "x");

        var e = Assert.Throws<ArgumentException>(() => G.Scan((xt, s) => (xt, s), x, []));
        Assert.That(e!.Message, Does.StartWith("Input should be at least 3D."));
    }

    [Test]
    public void Scan_StepChangingStateShape_ThrowsWhenBuilt()
    {
        var x = K.Placeholder([null, 3, 2], name: "x");
        var h0 = K.Placeholder([null, 4], name: "h0");

        var e = Assert.Throws<ArgumentException>(() => G.Scan((xt, s) => (xt, [xt]), x, [h0]));
        Assert.That(e!.Message, Does.Contain("carried value 0"));
    }

    [Test]
    public void Scan_TupleNodeAsOrdinaryInput_IsRejected()
    {
        var x = K.Placeholder([null, 3, 2], name: "x");
        var (outputs, _, _) = G.Scan((xt, s) => (xt, s), x, []);

        Assert.Throws<GraphException>(() => G.Tanh(outputs.Inputs[0]));
    }

    [Test]
    public void Scan_StepAssigningAVariable_ThrowsWhenBuilt()
    {
        var x = K.Placeholder([null, 2, 1], name: "x");
        var v = G.Variable(TensorBuffer.From<float>([0], 1, 1), name: "v");

        var e = Assert.Throws<ArgumentException>(() => G.Scan((xt, s) => (G.Assign(v, xt), s), x, []));
        Assert.That(e!.Message, Does.Contain("a loop body cannot update variables"));
    }

    [Test]
    public void Describe_LoopStep_ListsItsBodyIndented()
    {
        var x = K.Placeholder([null, null, 2], name: "x");
        var h0 = K.Placeholder([null, 2], name: "h0");
        var (outputs, _, _) = G.Scan((xt, s) => (G.Tanh(G.Add(xt, s[0])), [G.Add(xt, s[0])]), x, [h0]);

        var text = K.Function([x, h0], [outputs]).PlanFor().Describe();

        Assert.That(text, Does.Contain("Scan = Loop[sequences=1, carries=2, stacked=1, summed=0, body=3](x, h0)"));
        Assert.That(text, Does.Contain("    Tanh = Tanh(Add)"));
    }
}
