using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>
/// The layer harness (DESIGN §7) for the recurrent layers: built and applied on unknown-batch inputs, static output
/// shape = ComputeOutputShape, weight counts, learning-phase use, and one compiled function run at phase 0 and 1.
/// </summary>
public sealed class RecurrentHarnessTests : RecurrentTestBase
{
    private static IEnumerable<TestCaseData> Cases() => LayerCases().Select(c => new TestCaseData(c).SetName($"Harness_{c.Name}"));

    /// <summary>The recurrent layer cases (also walked by the config round-trip tests).</summary>
    internal static IReadOnlyList<LayerCase> LayerCases() =>
        [
            new("SimpleRNN", () => new SimpleRNN(4), [[5, 3]], 3),
            new("SimpleRNNSequencesBackwards", () => new SimpleRNN(4, returnSequences: true, goBackwards: true), [[5, 3]], 3),
            new("LSTM", () => new LSTM(4), [[5, 3]], 3),
            new("LSTMHardSigmoidSequences", () => new LSTM(4, recurrentActivation: "hard_sigmoid", returnSequences: true), [[5, 3]], 3),
            new("LSTMUnrolled", () => new LSTM(3, unroll: true), [[4, 2]], 3),
            new("LSTMUnknownLength", () => new LSTM(3, returnSequences: true), [[null, 2]], 3),
            new("GRU", () => new GRU(4), [[5, 3]], 3),
            new("GRUResetBefore", () => new GRU(4, resetAfter: false, returnSequences: true), [[5, 3]], 3),
            new("GRUDropouts", () => new GRU(4, dropout: 0.4, recurrentDropout: 0.4, seed: 5), [[5, 3]], 3, 0, PhaseBehaviour.Differs),
            new("LSTMDropout", () => new LSTM(4, dropout: 0.4, seed: 5), [[5, 3]], 3, 0, PhaseBehaviour.Differs),
            new("SimpleRNNRecurrentDropout", () => new SimpleRNN(4, recurrentDropout: 0.4, seed: 5), [[5, 3]], 3, 0, PhaseBehaviour.Differs),
            new("BidirectionalLSTM", () => new Bidirectional(new LSTM(3, returnSequences: true)), [[5, 2]], 6),
            new("BidirectionalGRUSum", () => new Bidirectional(new GRU(3), "sum"), [[5, 2]], 6),
            new("StackedCells", () => new RNN(new StackedRNNCells([new GRUCell(3), new SimpleRNNCell(2)])), [[5, 2]], 6),
        ];

    [TestCaseSource(nameof(Cases))]
    public void Harness(LayerCase c)
    {
        var layer = c.Create();
        var x = K.Placeholder([null, .. c.InputShapes[0]], name: "x");

        var output = layer.Apply(x);

        Assert.That(layer.Built, Is.True);
        Assert.That(output.Shape, Is.EqualTo(layer.ComputeOutputShape(x.Shape)), "static output shape vs ComputeOutputShape");
        Assert.That(layer.TrainableWeights, Has.Count.EqualTo(c.TrainableWeights), "trainable weights");
        Assert.That(layer.NonTrainableWeights, Has.Count.EqualTo(c.NonTrainableWeights), "non-trainable weights");
        Assert.That(output.UsesLearningPhase, Is.EqualTo(c.Phase != PhaseBehaviour.None), "UsesLearningPhase");

        var f = K.Function([x, K.LearningPhase()], [output]);
        var feed = Uniform(9, 1.5, [3, .. c.InputShapes[0].Select(d => d ?? 6)]);
        var inference = f.Call(feed, 0).Buffer(0);
        var training = f.Call(feed, 1).Buffer(0);

        Assert.That(inference.Dims, Is.EqualTo(layer.ComputeOutputShape(Shape.Of(feed.Dims)).ToArray()), "run shape vs ComputeOutputShape");
        Assert.That(Values(inference), Has.All.Matches<float>(float.IsFinite));
        if (c.Phase == PhaseBehaviour.None) Assert.That(Values(training), Is.EqualTo(Values(inference)), "phase 1 equals phase 0");
        else Assert.That(Values(training), Is.Not.EqualTo(Values(inference)), "phase 1 differs");
    }
}
