using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>The RNN wrapper's options: return state, stateful layers, Bidirectional, StackedRNNCells, K.Rnn, errors.</summary>
public sealed class RecurrentLayerTests : RecurrentTestBase
{
    private static TensorBuffer Concat(TensorBuffer a, TensorBuffer b)
    {
        int batch = a.Dims[0], ta = a.Dims[1], tb = b.Dims[1], f = a.Dims[2];
        var values = new float[batch * (ta + tb) * f];
        for (int i = 0; i < batch; i++)
        {
            a.Span<float>().Slice(i * ta * f, ta * f).CopyTo(values.AsSpan(i * (ta + tb) * f));
            b.Span<float>().Slice(i * tb * f, tb * f).CopyTo(values.AsSpan(i * (ta + tb) * f + ta * f));
        }
        return TensorBuffer.From<float>(values, batch, ta + tb, f);
    }

    [Test]
    public void ReturnState_Lstm_OutputsLastOutputAndBothStates()
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var lstm = new LSTM(4, returnState: true);

        var outputs = lstm.ApplyMultiple([x]);
        var result = K.Function([x], outputs).Call(Uniform(1, 1, 2, 5, 3));

        Assert.That(outputs, Has.Count.EqualTo(3));
        Assert.That(outputs.Select(o => o.Shape.ToString()), Is.All.EqualTo(new Shape(null, 4).ToString()));
        Assert.That(Values(result.Buffer(1)), Is.EqualTo(Values(result.Buffer(0))), "h is the output");
        Assert.That(Values(result.Buffer(2)), Is.Not.EqualTo(Values(result.Buffer(0))), "c is the cell state");
        Assert.That(() => new LSTM(4, returnState: true).Apply(x), Throws.InvalidOperationException.With.Message.Contains("ApplyMultiple"));
    }

    [Test]
    public void Stateful_SecondCallContinuesFromFirstAndResetStatesRestarts()
    {
        var x = K.Placeholder([2, null, 3], name: "x");
        var stateful = new LSTM(4, stateful: true);
        var plain = new LSTM(4);
        var f = K.Function([x], [stateful.Apply(x)], stateful.Updates);
        var g = K.Function([x], [plain.Apply(x)]);
        CopyWeights(stateful, plain);
        TensorBuffer a = Uniform(1, 1, 2, 3, 3), b = Uniform(2, 1, 2, 4, 3);

        var first = f.Call(a).Buffer(0);
        var second = f.Call(b).Buffer(0);
        stateful.ResetStates();
        var again = f.Call(a).Buffer(0);

        Assert.That(stateful.States, Has.Count.EqualTo(2));
        Assert.That(stateful.Weights, Has.Count.EqualTo(3), "the states are not weights");
        AssertClose(first, g.Call(a).Buffer(0), 1e-6, "first batch from zeros");
        AssertClose(second, g.Call(Concat(a, b)).Buffer(0), 1e-5, "second batch continues the first");
        AssertClose(again, first, 1e-6, "after ResetStates");
    }

    [Test]
    public void Stateful_UnknownBatch_ThrowsKerasMessage()
    {
        var x = K.Placeholder([null, null, 3], name: "x");

        Assert.That(() => new GRU(2, stateful: true).Apply(x),
            Throws.ArgumentException.With.Message.StartsWith("If a RNN is stateful, it needs to know its batch size."));
        Assert.That(() => new GRU(2).ResetStates(), Throws.InvalidOperationException);
    }

    [Test]
    public void Bidirectional_Concat_ForwardHalfAndReversedBackwardHalf()
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var bi = new Bidirectional(new LSTM(4, returnSequences: true));
        var y = bi.Apply(x);
        var forward = bi.Forward.Apply(x);
        var backward = RecurrentLoop.ReverseTime(bi.Backward.Apply(x));
        var result = K.Function([x], [y, forward, backward]).Call(Uniform(3, 1, 2, 5, 3));
        var both = Values(result.Buffer(0));
        var f = Values(result.Buffer(1));
        var b = Values(result.Buffer(2));

        Assert.That(y.Shape.Dims, Is.EqualTo(new int?[] { null, null, 8 }));
        Assert.That(bi.Backward.Name, Is.EqualTo("backward_lstm"));
        Assert.That((bi.Backward.GoBackwards, bi.Weights.Count), Is.EqualTo((true, 6)));
        for (int row = 0; row < 10; row++)
        {
            Assert.That(both.Skip(row * 8).Take(4), Is.EqualTo(f.Skip(row * 4).Take(4)), $"forward half, row {row}");
            Assert.That(both.Skip(row * 8 + 4).Take(4), Is.EqualTo(b.Skip(row * 4).Take(4)), $"backward half, row {row}");
        }
        Assert.That(b.Take(4), Is.Not.EqualTo(f.Take(4)).Within(1e-4), "fresh weights for the backward copy");
    }

    [TestCase("sum")]
    [TestCase("mul")]
    [TestCase("ave")]
    [TestCase(null)]
    public void Bidirectional_MergeModes_CombineBothDirections(string? mode)
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var bi = new Bidirectional(new GRU(3), mode);
        var outputs = bi.ApplyMultiple([x]);
        var result = K.Function([x], [.. outputs, bi.Forward.Apply(x), bi.Backward.Apply(x)]).Call(Uniform(4, 1, 2, 4, 3));
        int n = outputs.Count;
        var f = Values(result.Buffer(n));
        var b = Values(result.Buffer(n + 1));

        float[] expected = mode switch
        {
            "sum" => f.Zip(b, (p, q) => p + q).ToArray(),
            "mul" => f.Zip(b, (p, q) => p * q).ToArray(),
            "ave" => f.Zip(b, (p, q) => (p + q) / 2).ToArray(),
            _ => f,
        };
        Assert.That(n, Is.EqualTo(mode is null ? 2 : 1));
        Assert.That(Values(result.Buffer(0)), Is.EqualTo(expected).Within(1e-6));
        if (mode is null) Assert.That(Values(result.Buffer(1)), Is.EqualTo(b).Within(1e-6));
    }

    [Test]
    public void Bidirectional_BadMergeModeOrUserCellWithoutBackwardLayer_Throws()
    {
        Assert.That(() => new Bidirectional(new LSTM(2), "max"), Throws.ArgumentException.With.Message.StartsWith("Invalid merge mode."));
        Assert.That(() => new Bidirectional(new RNN(new StackedRNNCells([new SimpleRNNCell(2)]))), Throws.InvalidOperationException);
    }

    [Test]
    public void StackedCells_EqualTwoLayersWithTheSameWeights()
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var stack = new StackedRNNCells([new SimpleRNNCell(4), new LSTMCell(3)]);
        var stacked = new RNN(stack, returnSequences: true, returnState: true);
        var outputs = stacked.ApplyMultiple([x]);
        var first = new SimpleRNN(4, returnSequences: true);
        var second = new LSTM(3, returnSequences: true);
        var layered = second.Apply(first.Apply(x));
        CopyWeights(stack.Cells[0], first);
        CopyWeights(stack.Cells[1], second);

        var result = K.Function([x], [outputs[0], layered]).Call(Uniform(6, 1, 2, 5, 3));

        Assert.That(stack.StateSize, Is.EqualTo(new[] { 4, 3, 3 }));
        Assert.That(outputs, Has.Count.EqualTo(4));
        Assert.That(stacked.Weights, Has.Count.EqualTo(6));
        AssertClose(result.Buffer(0), result.Buffer(1), 1e-6, "stacked vs layered");
    }

    [Test]
    public void UnknownLength_TwoLengths_OnePlan()
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var f = K.Function([x], [new LSTM(4, returnSequences: true).Apply(x)]);

        var shortResult = f.Call(Uniform(1, 1, 2, 3, 3)).Buffer(0);
        var longResult = f.Call(Uniform(2, 1, 2, 9, 3)).Buffer(0);

        Assert.That((shortResult.Dims[1], longResult.Dims[1]), Is.EqualTo((3, 9)));
        Assert.That(f.CompileCount, Is.EqualTo(1));
    }

    [Test]
    public void Unroll_UndefinedOrSingleTimestep_ThrowsKerasMessage()
    {
        foreach (var shape in new[] { new int?[] { null, null, 3 }, new int?[] { null, 1, 3 } })
            Assert.That(() => new SimpleRNN(2, unroll: true).Apply(K.Placeholder(shape, name: "x")),
                Throws.ArgumentException.With.Message.StartsWith("Cannot unroll a RNN if the time dimension is undefined or equal to 1."));
        Assert.That(() => new SimpleRNN(2).Apply(K.Placeholder([null, 3], name: "flat")), Throws.ArgumentException);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void KRnn_ConstantsAndGoBackwards_CumulativeSumPlusConstant(bool unroll)
    {
        var x = K.Placeholder([null, 3, 1], name: "x");
        var h0 = K.Placeholder([null, 1], name: "h0");
        var c = K.Constant(TensorBuffer.From<float>([100], 1, 1));

        var (last, outputs, states) = K.Rnn((xt, s) =>
        {
            var h = G.Add(G.Add(xt, s[0]), s[1]);
            return (h, [h]);
        }, x, [h0], goBackwards: true, unroll: unroll, constants: [c]);
        var result = K.Function([x, h0], [last, outputs, states[0]]).Call(TensorBuffer.From<float>([1, 2, 3], 1, 3, 1), TensorBuffer.From<float>([0], 1, 1));

        Assert.That(Values(result.Buffer(1)), Is.EqualTo(new[] { 103f, 205f, 306f }));
        Assert.That((Values(result.Buffer(0))[0], Values(result.Buffer(2))[0]), Is.EqualTo((306f, 306f)));
    }
}
