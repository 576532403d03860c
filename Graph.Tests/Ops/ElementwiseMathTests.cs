using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>Exact small cases, extreme inputs and build-time errors of the elementwise math ops.</summary>
public sealed class ElementwiseMathTests : GraphTestBase
{
    private static float[] Eval(Node n) => K.Eval(n).Span<float>().ToArray();

    private static Node Floats(params float[] values) => G.Constant(values, values.Length);

    [Test]
    public void SecondDerivative_TanhOfSigmoid_MatchesFiniteDifferencesOfFirstGradient()
    {
        var x = GradientCheck.Values(3, -2, 2, 7);

        // The first gradient is itself a graph; checking its gradient exercises every op of the backward pass.
        GradientCheck.Verify(inputs => Autodiff.Gradients(G.Tanh(G.Sigmoid(inputs[0])), [inputs[0]])[0]!, x);
    }

    [Test]
    public void SecondDerivative_ElementwiseChain_MatchesFiniteDifferencesOfFirstGradient()
    {
        var x = GradientCheck.Values(4, 0.3, 2, 6);

        GradientCheck.Verify(inputs =>
        {
            var y = G.Mul(G.Softplus(G.Log(inputs[0])), G.Elu(G.Add(inputs[0], -1.0)));
            return Autodiff.Gradients(G.Sum(G.Sqrt(G.Add(G.Square(y), 1.0))), [inputs[0]])[0]!;
        }, x);
    }

    [Test]
    public void Round_Halves_GoToEven()
    {
        Assert.That(Eval(G.Round(Floats(-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 2.6f))), Is.EqualTo(new[] { -2f, -2f, -0f, 0f, 2f, 2f, 3f }));
    }

    [Test]
    public void Log1p_TinyInput_KeepsPrecisionTheNaiveFormLoses()
    {
        var y = Eval(G.Log1p(Floats(1e-8f, -3e-9f, 1e-30f)));

        Assert.That(y, Is.EqualTo(new[] { 1e-8f, -3e-9f, 1e-30f }).Within(1e-6).Percent);
    }

    [Test]
    public void SigmoidSoftplus_ExtremeInputs_StayFinite()
    {
        var x = Floats(-1000f, 1000f);

        Assert.That(Eval(G.Sigmoid(x)), Is.EqualTo(new[] { 0f, 1f }));
        Assert.That(Eval(G.Softplus(x)), Is.EqualTo(new[] { 0f, 1000f }));
        Assert.That(Eval(Autodiff.Gradients(G.Sum(G.Softplus(x)), [x])[0]!), Is.EqualTo(new[] { 0f, 1f }));
    }

    [Test]
    public void Relu_KerasArguments_FollowKeras224()
    {
        var x = Floats(-1f, 0.5f, 1f, 1.5f, 3f);

        // Keras 2.2.4: x·[x > 1] clipped to [0, 2], minus 0.1·relu(1 − x); at the threshold itself the result is 0.
        Assert.That(Eval(G.Relu(x, alpha: 0.1, maxValue: 2, threshold: 1)), Is.EqualTo(new[] { -0.2f, -0.05f, 0f, 1.5f, 2f }).Within(1e-6));
        Assert.That(Eval(G.Relu(x)), Is.EqualTo(new[] { 0f, 0.5f, 1f, 1.5f, 3f }));
        Assert.That(Eval(G.Relu(x, maxValue: 1.2)), Is.EqualTo(new[] { 0f, 0.5f, 1f, 1.2f, 1.2f }));
    }

    [Test]
    public void HardSigmoidEluSelu_SmallCases_MatchKerasFormulas()
    {
        var x = Floats(-3f, -1f, 0f, 1f, 3f);

        Assert.That(Eval(G.HardSigmoid(x)), Is.EqualTo(new[] { 0f, 0.3f, 0.5f, 0.7f, 1f }).Within(1e-6));
        Assert.That(Eval(G.Elu(x, 0.5)), Is.EqualTo(new[] { 0.5 * (Math.Exp(-3) - 1), 0.5 * (Math.Exp(-1) - 1), 0, 1, 3 }).Within(1e-6));
        Assert.That(Eval(G.Selu(x))[0], Is.EqualTo(1.0507009873554805 * 1.6732632423543772 * (Math.Exp(-3) - 1)).Within(1e-6));
    }

    [Test]
    public void PowScalarExponent_NegativeBase_GradientIsThreeXSquared()
    {
        var x = GradientCheck.Values(5, -2, 2, 5);

        var y = GradientCheck.Eval(n => G.Pow(n[0], 3.0), x);

        Assert.That(y, Is.EqualTo(x.Span<double>().ToArray().Select(v => v * v * v)).Within(1e-12));
        GradientCheck.Verify(n => G.Pow(n[0], 3.0), x);
    }

    [Test]
    public void ScalarOverloads_AreWeaklyTyped()
    {
        var i = G.Constant(TensorBuffer.From<int>([0, 1, 2], 3));
        var f = Floats(-1f, 0.25f, 2f);

        Assert.That(K.Eval(G.Equal(i, 1.0)).Span<bool>().ToArray(), Is.EqualTo(new[] { false, true, false }));
        Assert.That(K.Eval(G.NotEqual(i, 1.0)).Span<bool>().ToArray(), Is.EqualTo(new[] { true, false, true }));
        Assert.That(K.Eval(G.LessEqual(f, 0.25)).Span<bool>().ToArray(), Is.EqualTo(new[] { true, true, false }));
        Assert.That(Eval(G.Maximum(f, 0.3)), Is.EqualTo(new[] { 0.3f, 0.3f, 2f }));
        Assert.That(Eval(G.Minimum(f, 0.3)), Is.EqualTo(new[] { -1f, 0.25f, 0.3f }));
    }

    [Test]
    public void Clip_MaxBelowMin_IsRaisedToMinAsKeras()
    {
        Assert.That(Eval(G.Clip(Floats(-1f, 0.5f, 4f), 1, 0)), Is.EqualTo(new[] { 1f, 1f, 1f }));
    }

    [Test]
    public void Clip_IntegersWithFractionalBounds_ClipToTheIntegersInside()
    {
        var i = G.Constant(TensorBuffer.From<int>([-3, -1, 0, 2, 3], 5));

        Assert.That(K.Eval(G.Clip(i, -1.5, 2.5)).Span<int>().ToArray(), Is.EqualTo(new[] { -1, -1, 0, 2, 2 }));
    }

    [Test]
    public void Clip_GradientAtTheBounds_PassesAsTf()
    {
        var x = Floats(-2f, -1f, 0f, 1f, 2f);

        Assert.That(Eval(Autodiff.Gradients(G.Sum(G.Clip(x, -1, 1)), [x])[0]!), Is.EqualTo(new[] { 0f, 1f, 1f, 1f, 0f }));
    }

    [Test]
    public void MaximumMinimum_Ties_GradientGoesToFirstInputAsTf()
    {
        var a = Floats(1f, 2f);
        var b = Floats(1f, 3f);

        var grads = Autodiff.Gradients(G.Sum(G.Add(G.Maximum(a, b), G.Minimum(a, b))), [a, b]);

        Assert.That(Eval(grads[0]!), Is.EqualTo(new[] { 2f, 1f }));
        Assert.That(Eval(grads[1]!), Is.EqualTo(new[] { 0f, 1f }));
    }

    [Test]
    public void Where_GradientRoutesByCondition()
    {
        var cond = G.Constant(TensorBuffer.From<bool>([true, false, true], 3));
        var a = Floats(1f, 2f, 3f);
        var b = G.Constant([10f], 1);

        var grads = Autodiff.Gradients(G.Sum(G.Where(cond, a, b)), [a, b]);

        Assert.That(Eval(G.Where(cond, a, b)), Is.EqualTo(new[] { 1f, 10f, 3f }));
        Assert.That(Eval(grads[0]!), Is.EqualTo(new[] { 1f, 0f, 1f }));
        Assert.That(Eval(grads[1]!), Is.EqualTo(new[] { 1f }));
    }

    [Test]
    public void Maximum_MismatchedShapes_FailsAtBuildNamingOpInputsAndShapes()
    {
        var a = K.Placeholder([2, 3], name: "a");
        var b = K.Placeholder([4], name: "b");

        var e = Assert.Throws<GraphException>(() => G.Maximum(a, b))!;

        Assert.That(e.Message, Does.Contain("Maximum").And.Contain("input 0").And.Contain("(2, 3)").And.Contain("input 1").And.Contain("(4,)"));
    }

    [Test]
    public void Where_NonBoolCondition_FailsAtBuild()
    {
        var x = K.Placeholder([3], name: "x");

        var e = Assert.Throws<GraphException>(() => G.Where(x, x, x))!;

        Assert.That(e.Message, Does.Contain("Where").And.Contain("input 0 (cond)").And.Contain("float32 (3,)"));
    }

    [Test]
    public void WrongDTypes_FailAtBuild()
    {
        var i = K.Placeholder([3], DType.Int32, name: "i");
        var f = K.Placeholder([3], name: "f");

        Assert.That(() => G.Pow(i, i), Throws.TypeOf<GraphException>().With.Message.Contain("Pow").And.Message.Contain("int32"));
        Assert.That(() => G.Exp(i), Throws.TypeOf<GraphException>().With.Message.Contain("Exp").And.Message.Contain("input 0"));
        Assert.That(() => G.LogicalAnd(f, f), Throws.TypeOf<GraphException>().With.Message.Contain("LogicalAnd").And.Message.Contain("bool"));
    }
}
