using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops;
using Graph.Ops.Random;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>The loop op (G.Scan): values and gradients against unrolled graphs, phases, direction, lengths, masks.</summary>
public sealed class LoopTests : GraphTestBase
{
    private static (Node, IReadOnlyList<Node>) CumulativeSum(Node x, IReadOnlyList<Node> states)
    {
        var h = G.Add(x, states[0]);
        return (h, [h]);
    }

    private static TensorBuffer Random(DType dtype, int seed, double scale, params int[] dims)
    {
        var random = new System.Random(seed);
        var buffer = TensorBuffer.Zeros(dtype, dims);
        for (int i = 0; i < buffer.Length; i++)
        {
            double v = (random.NextDouble() * 2 - 1) * scale;
            buffer.Data.SetValue(dtype == DType.Float32 ? (object)(float)v : v, i);
        }
        return buffer;
    }

    private static double[] Values(TensorBuffer b) => Enumerable.Range(0, b.Length).Select(i => Convert.ToDouble(b.Data.GetValue(i))).ToArray();

    /// <summary>Element [b, t, f] of a (batch, time, features) value.</summary>
    private static double At(TensorBuffer b, int batch, int t, int f) =>
        Convert.ToDouble(b.Data.GetValue((batch * b.Dims[1] + t) * b.Dims[2] + f));

    /// <summary>Slice [:, t, :] of a (batch, time, features) buffer.</summary>
    private static TensorBuffer TimeSlice(TensorBuffer b, int t)
    {
        var slice = TensorBuffer.Zeros(b.DType, b.Dims[0], b.Dims[2]);
        for (int i = 0; i < b.Dims[0]; i++)
            for (int f = 0; f < b.Dims[2]; f++)
                slice.Data.SetValue(b.Data.GetValue((i * b.Dims[1] + t) * b.Dims[2] + f), i * b.Dims[2] + f);
        return slice;
    }

    private static void AssertClose(double[] actual, double[] expected, double tolerance, string what)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), what + " length");
        for (int i = 0; i < expected.Length; i++)
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(tolerance * Math.Max(1, Math.Abs(expected[i]))), $"{what}[{i}]");
    }

    [Test]
    public void Scan_CumulativeSumUnknownLength_MatchesNaiveForTwoLengthsWithOnePlan()
    {
        var x = K.Placeholder([null, null, 2], name: "x");
        var h0 = K.Placeholder([null, 2], name: "h0");
        var (outputs, last, finals) = G.Scan(CumulativeSum, x, [h0]);
        var f = K.Function([x, h0], [outputs, last, finals[0]]);

        foreach (int steps in new[] { 3, 5 })
        {
            var xv = Random(DType.Float32, steps, 1, 2, steps, 2);
            var h0v = Random(DType.Float32, 10 + steps, 1, 2, 2);
            var result = f.Call(xv, h0v);

            Assert.That(result.Buffer(0).Dims, Is.EqualTo(new[] { 2, steps, 2 }));
            for (int b = 0; b < 2; b++)
                for (int j = 0; j < 2; j++)
                {
                    double sum = Convert.ToDouble(h0v.Data.GetValue(b * 2 + j));
                    for (int t = 0; t < steps; t++)
                    {
                        sum += At(xv, b, t, j);
                        Assert.That(At(result.Buffer(0), b, t, j), Is.EqualTo(sum).Within(1e-5), $"T={steps} output[{b},{t},{j}]");
                    }
                    Assert.That(result.Buffer(1).Span<float>()[b * 2 + j], Is.EqualTo(sum).Within(1e-5), "last output");
                    Assert.That(result.Buffer(2).Span<float>()[b * 2 + j], Is.EqualTo(sum).Within(1e-5), "final state");
                }
        }
        Assert.That(f.CompileCount, Is.EqualTo(1));
        Assert.That(f.PlanFor().LayoutCount, Is.EqualTo(2));
    }

    [Test]
    public void Scan_GoBackwards_ProcessesReversedAndStacksInProcessingOrder()
    {
        var x = K.Placeholder([null, null, 1], name: "x");
        var h0 = K.Placeholder([null, 1], name: "h0");
        var (outputs, last, _) = G.Scan(CumulativeSum, x, [h0], goBackwards: true);
        var f = K.Function([x, h0], [outputs, last]);

        var result = f.Call(TensorBuffer.From<float>([1, 10, 100, 1000], 1, 4, 1), TensorBuffer.From<float>([0], 1, 1));

        Assert.That(Values(result.Buffer(0)), Is.EqualTo(new double[] { 1000, 1100, 1110, 1111 }));
        Assert.That(Values(result.Buffer(1)), Is.EqualTo(new double[] { 1111 }));
    }

    [Test]
    public void Scan_Mask_MaskedStepsCarryPreviousOutputAndState()
    {
        var x = K.Placeholder([null, null, 1], name: "x");
        var h0 = K.Placeholder([null, 1], name: "h0");
        var mask = K.Placeholder([null, null], DType.Bool, name: "mask");
        var (outputs, last, finals) = G.Scan((xt, s) =>
        {
            var h = G.Add(G.Mul(s[0], 2.0), xt);
            return (G.Mul(h, 10.0), [h]);
        }, x, [h0], mask: mask);
        var f = K.Function([x, h0, mask], [outputs, last, finals[0]]);

        var result = f.Call(TensorBuffer.From<float>([1, 2, 3, 4], 1, 4, 1), TensorBuffer.From<float>([5], 1, 1),
            TensorBuffer.From<bool>([false, true, false, true], 1, 4));

        // t=0 masked: previous output (zeros), state 5 kept; t=1: h=12, y=120; t=2 masked: 120 and 12 kept; t=3: h=28.
        Assert.That(Values(result.Buffer(0)), Is.EqualTo(new double[] { 0, 120, 120, 280 }));
        Assert.That(Values(result.Buffer(1)), Is.EqualTo(new double[] { 280 }));
        Assert.That(Values(result.Buffer(2)), Is.EqualTo(new double[] { 28 }));
    }

    [Test]
    public void Scan_DropoutInsideStep_ResolvesPerPhaseWithFreshMaskPerStep()
    {
        var x = K.Placeholder([null, null, 64], name: "x");
        var h0 = K.Placeholder([null, 64], name: "h0");
        var (outputs, _, _) = G.Scan((xt, s) =>
        {
            var dropped = G.Dropout(xt, 0.5, seed: 7);
            return (dropped, [G.Add(dropped, s[0])]);
        }, x, [h0]);
        var f = K.Function([x, h0, K.LearningPhase()], [outputs]);
        var ones = TensorBuffer.From<float>(Enumerable.Repeat(1f, 2 * 3 * 64).ToArray(), 2, 3, 64);
        var zeros = TensorBuffer.Zeros(DType.Float32, 2, 64);

        var inference = Values(f.Call(ones, zeros, 0).Buffer(0));
        var train = f.Call(ones, zeros, 1).Buffer(0);
        var trainAgain = f.Call(ones, zeros, 1).Buffer(0);

        Assert.That(outputs.UsesLearningPhase, Is.True);
        Assert.That(inference, Has.All.EqualTo(1.0));
        Assert.That(f.PlanFor(phase: 0).UsesRandom, Is.False);
        Assert.That(f.PlanFor(phase: 0).LoopBodies[0].StepOps, Has.None.TypeOf<RandomUniformOp>().And.None.TypeOf<SwitchOp>());
        Assert.That(f.PlanFor(phase: 1).LoopBodies[0].StepOps, Has.None.TypeOf<SwitchOp>());
        Assert.That(Values(train), Has.All.Matches<double>(v => v == 0 || v == 2));
        var stepMasks = Enumerable.Range(0, 3).Select(t => Values(TimeSlice(train, t))).ToArray();
        Assert.That(stepMasks[1], Is.Not.EqualTo(stepMasks[0]), "a fresh mask at each step");
        Assert.That(stepMasks[2], Is.Not.EqualTo(stepMasks[1]), "a fresh mask at each step");
        Assert.That(Values(trainAgain), Is.Not.EqualTo(Values(train)), "a fresh mask at each run");
    }

    [Test]
    public void Scan_StepWithoutPhase_OutputDoesNotUseLearningPhase()
    {
        var x = K.Placeholder([null, 3, 2], name: "x");
        var h0 = K.Placeholder([null, 2], name: "h0");
        _ = K.LearningPhase();

        var (outputs, last, finals) = G.Scan(CumulativeSum, x, [h0]);

        Assert.That(outputs.UsesLearningPhase || last.UsesLearningPhase || finals[0].UsesLearningPhase, Is.False);
    }

    [Test]
    public void Scan_WeightCreatedInsideStep_IsCapturedAndGetsSummedGradient()
    {
        var x = K.Placeholder([null, null, 2], name: "x");
        Node? w = null;
        var (outputs, _, _) = G.Scan((xt, s) =>
        {
            w ??= G.Variable(TensorBuffer.From<float>([2f, 3f], 2), name: "w");
            return (G.Mul(xt, w), s);
        }, x, []);
        var loop = outputs.Inputs[0];
        var grad = G.Gradients(outputs, [w!])[0]!;
        var f = K.Function([x], [outputs, grad]);

        var result = f.Call(TensorBuffer.From<float>([1, 2, 3, 4, 5, 6], 1, 3, 2));

        Assert.That(((LoopOp)loop.Op).Body.Captures, Does.Contain(w));
        Assert.That(loop.Inputs, Does.Contain(w));
        Assert.That(Values(result.Buffer(0)), Is.EqualTo(new double[] { 2, 6, 6, 12, 10, 18 }));
        Assert.That(Values(result.Buffer(1)), Is.EqualTo(new double[] { 9, 12 }));
    }

    [Test]
    public void Scan_UnderDynamicSwitch_RunsOnlyWhenTakenAndDefersItsShapeError()
    {
        var x = K.Placeholder([null, null, 2], name: "x");
        var h0 = K.Placeholder([null, null], name: "h0");
        var alternative = K.Placeholder([null, 2], name: "alternative");
        var predicate = K.Placeholder(Shape.Scalar, DType.Bool, name: "predicate");
        var (_, last, _) = G.Scan(CumulativeSum, x, [h0]);
        var f = K.Function([predicate, x, h0, alternative], [G.Switch(predicate, last, alternative)]);
        var xv = TensorBuffer.From<float>([1, 2, 3, 4], 1, 2, 2);
        var alternativeValue = TensorBuffer.From<float>([7, 8], 1, 2);

        // h0 of width 3 cannot be added to steps of width 2; only the taken branch may fail.
        var skipped = f.Call(false, xv, TensorBuffer.Zeros(DType.Float32, 1, 3), alternativeValue);
        var taken = f.Call(true, xv, TensorBuffer.From<float>([10, 20], 1, 2), alternativeValue);

        Assert.That(f.PlanFor().StepOps.OfType<LoopOp>().Count(), Is.EqualTo(1));
        Assert.That(Values(skipped.Buffer(0)), Is.EqualTo(new double[] { 7, 8 }));
        Assert.That(Values(taken.Buffer(0)), Is.EqualTo(new double[] { 14, 26 }));
        var e = Assert.Throws<Graph.Runtime.Execution.ExecutionException>(() =>
            f.Call(true, xv, TensorBuffer.Zeros(DType.Float32, 1, 3), alternativeValue));
        Assert.That(e!.Message, Does.Contain("Scan"));
    }

    [Test]
    public void Scan_ZeroSteps_GivesEmptyOutputsZeroLastOutputAndInitialStates()
    {
        var x = K.Placeholder([null, null, 2], DType.Float64, name: "x");
        var h0 = K.Placeholder([null, 2], DType.Float64, name: "h0");
        var w = K.Placeholder([2, 2], DType.Float64, name: "w");
        var (outputs, last, finals) = G.Scan((xt, s) =>
        {
            var h = G.Add(G.MatMul(xt, w), s[0]);
            return (h, [h]);
        }, x, [h0]);
        var grads = G.Gradients(finals[0], [x, h0, w]);
        var f = K.Function([x, h0, w], [outputs, last, finals[0], .. grads.Select(g => g!)]);

        var result = f.Call(TensorBuffer.Zeros(DType.Float64, 2, 0, 2), TensorBuffer.From<double>([1, 2, 3, 4], 2, 2), TensorBuffer.From<double>([1, 1, 1, 1], 2, 2));

        Assert.That(result.Buffer(0).Dims, Is.EqualTo(new[] { 2, 0, 2 }));
        Assert.That(Values(result.Buffer(1)), Is.EqualTo(new double[] { 0, 0, 0, 0 }));
        Assert.That(Values(result.Buffer(2)), Is.EqualTo(new double[] { 1, 2, 3, 4 }));
        Assert.That(result.Buffer(3).Dims, Is.EqualTo(new[] { 2, 0, 2 }));
        Assert.That(Values(result.Buffer(4)), Is.EqualTo(new double[] { 1, 1, 1, 1 }));
        Assert.That(Values(result.Buffer(5)), Is.EqualTo(new double[] { 0, 0, 0, 0 }));
    }

    [Test]
    public void Scan_NewBatchSize_SamePlanNewLayout()
    {
        var x = K.Placeholder([null, null, 1], name: "x");
        var h0 = K.Placeholder([null, 1], name: "h0");
        var (_, last, _) = G.Scan(CumulativeSum, x, [h0]);
        var f = K.Function([x, h0], [last]);

        var one = f.Call(TensorBuffer.From<float>([1, 2, 3], 1, 3, 1), TensorBuffer.From<float>([10], 1, 1));
        var three = f.Call(TensorBuffer.From<float>([1, 2, 3, 4, 5, 6], 3, 2, 1), TensorBuffer.From<float>([10, 20, 30], 3, 1));

        Assert.That(Values(one.Buffer(0)), Is.EqualTo(new double[] { 16 }));
        Assert.That(Values(three.Buffer(0)), Is.EqualTo(new double[] { 13, 27, 41 }));
        Assert.That(f.CompileCount, Is.EqualTo(1));
    }

    [Test]
    public void Scan_ConcurrentCalls_MatchSequentialResults()
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var h0 = K.Placeholder([null, 3], name: "h0");
        var (outputs, _, _) = G.Scan((xt, s) =>
        {
            var h = G.Tanh(G.Add(xt, G.Mul(s[0], 0.5)));
            return (h, [h]);
        }, x, [h0]);
        var f = K.Function([x, h0], [outputs]);
        var inputs = Enumerable.Range(0, 8).Select(i => Random(DType.Float32, i, 1, 2, 4 + i, 3)).ToArray();
        var h0v = Random(DType.Float32, 99, 1, 2, 3);
        var sequential = inputs.Select(v => Values(f.Call(v, h0v).Buffer(0))).ToArray();

        var concurrent = new double[inputs.Length][];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var values = Values(f.Call(inputs[i % inputs.Length], h0v).Buffer(0));
            if (i < inputs.Length) concurrent[i] = values;
            Assert.That(values, Is.EqualTo(sequential[i % inputs.Length]));
        });

        Assert.That(concurrent, Is.EqualTo(sequential));
    }
}
