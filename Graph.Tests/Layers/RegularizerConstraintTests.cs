using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>Regularizers (losses collected on layers and models) and constraints (projections exposed for training).</summary>
public sealed class RegularizerConstraintTests : LayerTestBase
{
    private static float Eval(Node scalar) => K.Eval(scalar).Span<float>()[0];

    [Test]
    public void Dense_KernelAndBiasRegularizers_AddWeightLosses()
    {
        var dense = new Dense(2, kernelRegularizer: new L2(0.5), biasRegularizer: new L1(0.1));
        dense.Apply(K.Placeholder([null, 2], name: "x"));
        Set(dense.Kernel, 1, -2, 3, 0);
        Set(dense.Bias!, -1, 4);

        Assert.That(dense.Losses, Has.Count.EqualTo(2));
        Assert.That(Eval(dense.Losses[0]), Is.EqualTo(0.5f * 14).Within(1e-5));
        Assert.That(Eval(dense.Losses[1]), Is.EqualTo(0.1f * 5).Within(1e-6));
    }

    [Test]
    public void L1L2_BothFactors_SumsBothPenalties()
    {
        var w = K.Variable(TensorBuffer.From<float>([1f, -2f], 2));

        Assert.That(Eval(new L1L2(0.1, 0.01).Apply(w)), Is.EqualTo(0.1f * 3 + 0.01f * 5).Within(1e-6));
        Assert.That(Eval(new L1L2().Apply(w)), Is.EqualTo(0f));
    }

    [Test]
    public void Model_RegularizedLayers_CollectsLossesIncludingNested()
    {
        var innerIn = new Input([3]);
        var inner = new Model(innerIn, new Dense(3, kernelRegularizer: new L2()).Apply(innerIn));
        var input = new Input([3]);
        var dense = new Dense(1, kernelRegularizer: new L1(), activityRegularizer: new L2());
        var model = new Model(input, dense.Apply(inner.Apply(input)));

        Assert.That(model.Losses, Has.Count.EqualTo(3), "two weight penalties and one activity penalty");
    }

    [Test]
    public void ActivityRegularizer_PerCall_PenalizesTheOutput()
    {
        var x = K.Placeholder([null, 2], name: "x");
        var dense = new Dense(1, kernelInitializer: "ones", activityRegularizer: new L1(1.0));
        dense.Apply(x);

        var loss = K.Function([x], [dense.Losses[0]]).Call(Tensor2D(2, 2, i => i + 1)).Scalar<float>(0);

        Assert.That(loss, Is.EqualTo(3 + 7).Within(1e-5), "Keras 2: the sum over the batch, not divided by it");
    }

    [Test]
    public void Constraints_ExposedPerWeight()
    {
        var dense = new Dense(2, kernelConstraint: new MaxNorm(1), biasConstraint: new NonNeg());
        dense.Apply(K.Placeholder([null, 2], name: "x"));

        Assert.That(dense.Constraints.Select(c => c.Variable), Is.EqualTo(new[] { dense.Kernel, dense.Bias }));
    }

    [Test]
    public void MaxNorm_ColumnAboveMax_ScaledToMax()
    {
        var w = K.Variable(TensorBuffer.From<float>([3f, 0.3f, 4f, 0.4f], 2, 2));

        var projected = K.Eval(new MaxNorm(2).Apply(w)).Span<float>().ToArray();

        Assert.That(projected, Is.EqualTo(new[] { 1.2f, 0.3f, 1.6f, 0.4f }).Within(1e-5), "column 0 has norm 5 → 2; column 1 norm 0.5 stays");
    }

    [Test]
    public void NonNeg_NegativeEntries_Zeroed()
    {
        var w = K.Variable(TensorBuffer.From<float>([-1f, 2f], 2));

        Assert.That(K.Eval(new NonNeg().Apply(w)).Span<float>().ToArray(), Is.EqualTo(new[] { 0f, 2f }));
    }

    [Test]
    public void UnitNorm_Columns_HaveNormOne()
    {
        var w = K.Variable(TensorBuffer.From<float>([3f, 1f, 4f, 0f], 2, 2));

        Assert.That(K.Eval(new UnitNorm().Apply(w)).Span<float>().ToArray(), Is.EqualTo(new[] { 0.6f, 1f, 0.8f, 0f }).Within(1e-6));
    }

    [Test]
    public void MinMaxNorm_HalfRate_MovesHalfWay()
    {
        var w = K.Variable(TensorBuffer.From<float>([3f, 4f], 2, 1));

        var projected = K.Eval(new MinMaxNorm(0, 1, rate: 0.5).Apply(w)).Span<float>().ToArray();

        Assert.That(projected, Is.EqualTo(new[] { 3f * 3 / 5, 4f * 3 / 5 }).Within(1e-5), "desired norm 0.5·1 + 0.5·5 = 3");
    }
}
