using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>
/// Acceptance 2 and the second half of 3: dropout masks drawn once per call and reused at every step, fresh on the
/// next call, inactive at phase 0; a user cell with dropout follows the learning phase without any flag.
/// </summary>
public sealed class RecurrentDropoutTests : RecurrentTestBase
{
    private const int Units = 16, Steps = 6, Batch = 2;

    [Test]
    public void InputDropout_PhaseOne_SameUnitsDroppedAtEveryStepAndNewOnesNextCall()
    {
        // h_t = (x_t ∘ m)·I with x = 1: the output at every step is the input mask itself (0 or 2 at rate 0.5).
        var x = K.Placeholder([null, null, Units], name: "x");
        var layer = new SimpleRNN(Units, activation: "linear", useBias: false, dropout: 0.5, returnSequences: true);
        var y = layer.Apply(x);
        K.SetValue(layer.Cell.Kernel, Identity(Units));
        K.SetValue(layer.Cell.RecurrentKernel, TensorBuffer.Zeros(DType.Float32, Units, Units));
        var f = K.Function([x, K.LearningPhase()], [y]);

        var first = Values(f.Call(Ones(Batch, Steps, Units), 1).Buffer(0));
        var second = Values(f.Call(Ones(Batch, Steps, Units), 1).Buffer(0));
        var inference = Values(f.Call(Ones(Batch, Steps, Units), 0).Buffer(0));

        AssertSameMaskEveryStep(first, t => 2f);
        Assert.That(first.Distinct().Order(), Is.EqualTo(new[] { 0f, 2f }), "rate 0.5 drops some units and scales the others by 2");
        Assert.That(second, Is.Not.EqualTo(first), "the next call draws a new mask");
        Assert.That(inference, Is.All.EqualTo(1f), "phase 0: no dropout");
        Assert.That(y.UsesLearningPhase, Is.True);
    }

    [Test]
    public void RecurrentDropout_PhaseOne_SameStateUnitsDroppedAtEveryStepAndNewOnesNextCall()
    {
        // h_t = (h_{t-1} ∘ m)·I from h_0 = 1: a dropped unit is 0 at every step, a kept one doubles each step.
        var x = K.Placeholder([null, null, Units], name: "x");
        var h0 = K.Placeholder([null, Units], name: "h0");
        var layer = new SimpleRNN(Units, activation: "linear", useBias: false, recurrentDropout: 0.5, returnSequences: true);
        var y = layer.ApplyMultiple([x, h0])[0];
        K.SetValue(layer.Cell.Kernel, TensorBuffer.Zeros(DType.Float32, Units, Units));
        K.SetValue(layer.Cell.RecurrentKernel, Identity(Units));
        var f = K.Function([x, h0, K.LearningPhase()], [y]);

        var first = Values(f.Call(Ones(Batch, Steps, Units), Ones(Batch, Units), 1).Buffer(0));
        var second = Values(f.Call(Ones(Batch, Steps, Units), Ones(Batch, Units), 1).Buffer(0));
        var inference = Values(f.Call(Ones(Batch, Steps, Units), Ones(Batch, Units), 0).Buffer(0));

        AssertSameMaskEveryStep(first, t => MathF.Pow(2, t + 1));
        Assert.That(first.Count(v => v == 0), Is.InRange(1, first.Length - 1));
        Assert.That(second.Select(v => v == 0), Is.Not.EqualTo(first.Select(v => v == 0)), "the next call draws a new mask");
        Assert.That(inference, Is.All.EqualTo(1f), "phase 0: no dropout");
    }

    private static RNN Make(string kind, double rate) => kind switch
    {
        "lstm" => new LSTM(4, dropout: rate, recurrentDropout: rate, returnSequences: true),
        "gru_reset_after" => new GRU(4, dropout: rate, recurrentDropout: rate, returnSequences: true),
        "gru_reset_before" => new GRU(4, dropout: rate, recurrentDropout: rate, resetAfter: false, returnSequences: true),
        _ => new SimpleRNN(4, dropout: rate, recurrentDropout: rate, returnSequences: true),
    };

    [TestCase("lstm")]
    [TestCase("gru_reset_after")]
    [TestCase("gru_reset_before")]
    [TestCase("simple_rnn")]
    public void WithDropouts_PhaseZero_EqualsLayerWithoutDropout(string kind)
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var dropped = Make(kind, 0.3);
        var plain = Make(kind, 0);
        var yDropped = dropped.Apply(x);
        var yPlain = plain.Apply(x);
        CopyWeights(dropped, plain);
        var f = K.Function([x, K.LearningPhase()], [yDropped, yPlain]);
        var input = Uniform(3, 1, 2, 5, 3);

        var inference = f.Call(input, 0);
        var training = f.Call(input, 1);

        AssertClose(inference.Buffer(0), inference.Buffer(1), 1e-6, "phase 0");
        Assert.That(Values(training.Buffer(0)), Is.Not.EqualTo(Values(training.Buffer(1))).Within(1e-3), "phase 1 drops");
        Assert.That((yDropped.UsesLearningPhase, yPlain.UsesLearningPhase), Is.EqualTo((true, false)));
    }

    [Test]
    public void ModelWithLstmDropout_Compile_TrainingFeedsThePhase()
    {
        var input = new Input([null, 3]);
        var model = new Model(input.Node, new Dense(1).Apply(new LSTM(4, recurrentDropout: 0.2).Apply(input.Node)));

        model.Compile("adam", "mse");

        Assert.That(model.FeedsLearningPhase, Is.True);
    }

    [Test]
    public void GruWithDropouts_ExplicitTrainingFalse_DoesNotUseThePhase()
    {
        var x = K.Placeholder([null, null, 3], name: "x");

        var y = new GRU(4, dropout: 0.5, recurrentDropout: 0.5).Apply(x, training: false);

        Assert.That(y.UsesLearningPhase, Is.False);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void UserCellWithDropout_NoFlag_OutputFollowsLearningPhase(bool maskPerCall)
    {
        var x = K.Placeholder([null, null, 3], name: "x");
        var cell = new DroppingCell(5, maskPerCall);
        var y = new RNN(cell).Apply(x);
        var f = K.Function([x, K.LearningPhase()], [y]);
        var input = Uniform(4, 1, 2, 4, 3);

        var inference = Values(f.Call(input, 0).Buffer(0));
        var training = Values(f.Call(input, 1).Buffer(0));
        var expected = ExpectedWithoutDropout(K.GetValue(cell.Kernel), input, 5);

        Assert.That(y.UsesLearningPhase, Is.True);
        Assert.That(inference, Is.EqualTo(expected).Within(1e-5));
        Assert.That(training, Is.Not.EqualTo(expected).Within(1e-3));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void UserCellWithDropout_TrainOnBatch_FeedsPhaseAndTrains(bool maskPerCall)
    {
        var input = new Input([null, 3]);
        var cell = new DroppingCell(5, maskPerCall);
        var model = new Model(input.Node, new Dense(1).Apply(new RNN(cell).Apply(input.Node)));
        model.Compile("sgd", "mse");
        var before = Values(K.GetValue(cell.Kernel));

        double loss = model.TrainOnBatch(Uniform(1, 1, 4, 6, 3), Uniform(2, 1, 4, 1))[0];

        Assert.That(model.FeedsLearningPhase, Is.True);
        Assert.That(double.IsFinite(loss), Is.True);
        Assert.That(Values(K.GetValue(cell.Kernel)), Is.Not.EqualTo(before), "the gradient reached the cell through the loop");
    }

    /// <summary>h' = tanh((x ∘ mask)·W + h): the mask drawn in BeginCall (once per call) or by G.Dropout inside the step.</summary>
    private sealed class DroppingCell(int units, bool maskPerCall) : RecurrentCell
    {
        private Node? _mask;

        public Node Kernel { get; private set; } = null!;

        public override IReadOnlyList<int> StateSize => [units];

        protected override void Build(Shape inputShape) => Kernel = AddWeight("kernel", Shape.Of(inputShape[-1]!.Value, units));

        public override void BeginCall(Node inputs, IReadOnlyList<Node> initialStates, TrainingArg training) =>
            _mask = maskPerCall ? DropoutMask(StepTemplate(inputs), 0.5, 1, training)![0] : null;

        public override (Node Output, IReadOnlyList<Node> States) Call(Node input, IReadOnlyList<Node> states, TrainingArg training)
        {
            var dropped = _mask is { } m ? G.Mul(input, m) : G.Dropout(input, 0.5);
            var h = G.Tanh(G.Add(G.Dot(dropped, Kernel), states[0]));
            return (h, [h]);
        }
    }

    private static float[] ExpectedWithoutDropout(TensorBuffer kernel, TensorBuffer input, int units)
    {
        var w = kernel.Span<float>().ToArray();
        var x = input.Span<float>().ToArray();
        int batch = input.Dims[0], steps = input.Dims[1], features = input.Dims[2];
        var result = new float[batch * units];
        for (int b = 0; b < batch; b++)
        {
            var h = new double[units];
            for (int t = 0; t < steps; t++)
            {
                var next = new double[units];
                for (int j = 0; j < units; j++)
                {
                    double z = h[j];
                    for (int i = 0; i < features; i++) z += x[(b * steps + t) * features + i] * w[i * units + j];
                    next[j] = Math.Tanh(z);
                }
                h = next;
            }
            for (int j = 0; j < units; j++) result[b * units + j] = (float)h[j];
        }
        return result;
    }

    /// <summary>Every unit is either 0 at every step or <paramref name="kept"/>(t) at every step.</summary>
    private static void AssertSameMaskEveryStep(float[] sequence, Func<int, float> kept)
    {
        for (int b = 0; b < Batch; b++)
            for (int j = 0; j < Units; j++)
            {
                bool dropped = sequence[(b * Steps) * Units + j] == 0;
                for (int t = 0; t < Steps; t++)
                    Assert.That(sequence[(b * Steps + t) * Units + j], Is.EqualTo(dropped ? 0f : kept(t)).Within(1e-4), $"[{b}, {t}, {j}]");
            }
    }
}
