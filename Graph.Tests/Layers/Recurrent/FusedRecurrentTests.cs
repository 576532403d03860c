using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Ops.Recurrent;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>
/// The fused LSTM/GRU kernels against the general loop op running the very same cell (wrapped in a user cell, which
/// the RNN layer never fuses): outputs, final states and the gradients of every input and weight, in float64 to
/// 1e-10 and float32 to 1e-5, with masks (initial states that are not zero, so a masked first step's zero output
/// differs from its carried state), go_backwards, every fusable activation, and input plus recurrent dropout in
/// training (the two layers share the cell, hence its dropout masks).
/// </summary>
public sealed class FusedRecurrentTests : RecurrentTestBase
{
    private const int Batch = 3, Steps = 5, Features = 4, Units = 6;

    /// <summary>A user cell stepping another cell: the layer keeps the general loop for it.</summary>
    private sealed class LoopOnly(RecurrentCell inner) : RecurrentCell("loop_only")
    {
        public override IReadOnlyList<int> StateSize => inner.StateSize;
        public override DType DType => inner.DType;
        protected override void Build(Shape inputShape) => inner.EnsureBuilt(inputShape);
        public override void BeginCall(Node inputs, IReadOnlyList<Node> initialStates, TrainingArg training) =>
            inner.BeginCall(inputs, initialStates, training);
        public override (Node Output, IReadOnlyList<Node> States) Call(Node input, IReadOnlyList<Node> states, TrainingArg training) =>
            inner.Call(input, states, training);
    }

    public static IEnumerable<TestCaseData> Cells()
    {
        foreach (var masked in new[] { false, true })
            foreach (var backwards in new[] { false, true })
                yield return Case("lstm", masked, backwards, () => new LSTMCell(Units, dtype: DType.Float64, seed: 3));
        yield return Case("lstm_hard_sigmoid_relu", true, false, () => new LSTMCell(Units, "relu", "hard_sigmoid", dtype: DType.Float64));
        yield return Case("lstm_linear", false, true, () => new LSTMCell(Units, "linear", dtype: DType.Float64));
        yield return Case("lstm_dropout", true, true, () => new LSTMCell(Units, dropout: 0.3, recurrentDropout: 0.4, seed: 5, dtype: DType.Float64), training: true);
        yield return Case("lstm_input_dropout", false, false, () => new LSTMCell(Units, dropout: 0.5, seed: 7, dtype: DType.Float64), training: true);
        foreach (var masked in new[] { false, true })
            foreach (var backwards in new[] { false, true })
                yield return Case("gru", masked, backwards, () => new GRUCell(Units, dtype: DType.Float64, seed: 3));
        yield return Case("gru_hard_sigmoid_relu", true, false, () => new GRUCell(Units, "relu", "hard_sigmoid", dtype: DType.Float64));
        yield return Case("gru_no_bias", false, true, () => new GRUCell(Units, useBias: false, dtype: DType.Float64));
        yield return Case("gru_dropout", true, true, () => new GRUCell(Units, dropout: 0.3, recurrentDropout: 0.4, seed: 5, dtype: DType.Float64), training: true);
    }

    private static TestCaseData Case(string name, bool masked, bool backwards, Func<GatedCell> cell, bool training = false) =>
        new TestCaseData(cell, masked, backwards, training).SetArgDisplayNames(name, masked ? "masked" : "dense", backwards ? "backwards" : "forwards");

    [TestCaseSource(nameof(Cells))]
    public void Fused_Float64_MatchesGeneralLoopWithGradients(Func<GatedCell> createCell, bool masked, bool backwards, bool training)
    {
        var cell = createCell();
        var x = K.Placeholder([null, null, Features], DType.Float64, name: "x");
        var mask = masked ? K.Placeholder([null, null], DType.Bool, name: "mask") : null;
        var states = cell.StateSize.Select((_, i) => K.Placeholder([null, Units], DType.Float64, name: $"s{i}")).ToArray();
        var fused = new RNN(cell, returnSequences: true, returnState: true, goBackwards: backwards);
        var loop = new RNN(new LoopOnly(cell), returnSequences: true, returnState: true, goBackwards: backwards);
        var fusedOut = fused.ApplyMultiple([x, .. states], masks: [mask, .. states.Select(_ => (Node?)null)]);
        var loopOut = loop.ApplyMultiple([x, .. states], masks: [mask, .. states.Select(_ => (Node?)null)]);
        Node[] wrt = [x, .. states, cell.Kernel, cell.RecurrentKernel, .. cell.Bias is null ? Array.Empty<Node>() : [cell.Bias]];
        var fusedGrads = Gradients(fusedOut, wrt, seed: 11);
        var loopGrads = Gradients(loopOut, wrt, seed: 11);

        var feeds = new List<Node> { x };
        if (mask is not null) feeds.Add(mask);
        feeds.AddRange(states);
        if (training) feeds.Add(K.LearningPhase());
        var f = K.Function(feeds, [.. fusedOut, .. fusedGrads, .. loopOut, .. loopGrads]);
        var values = new List<FeedValue> { Random64(1, Batch, Steps, Features) };
        if (mask is not null) values.Add(TensorBuffer.From<bool>([true, false, true, true, false, false, false, true, true, true, true, true, false, true, true], [Batch, Steps]));
        values.AddRange(states.Select((_, i) => (FeedValue)Random64(20 + i, Batch, Units)));
        if (training) values.Add(1);
        var result = f.Call([.. values]);

        int n = fusedOut.Count + fusedGrads.Length;
        Assert.That(f.PlanFor(training ? 1 : 0).StepOps.Count(op => op is LoopOp), Is.EqualTo(2), "the loop layer's forward and backward loops, none for the fused one");
        for (int i = 0; i < n; i++)
        {
            var actual = result.Buffer(i).Span<double>().ToArray();
            var expected = result.Buffer(n + i).Span<double>().ToArray();
            Assert.That(actual, Is.EqualTo(expected).Within(1e-10), $"result {i}");
        }
    }

    /// <summary>float32 with sigmoid/tanh runs the vectorized gate kernels (17 units: full vectors and a scalar tail).</summary>
    [TestCase("lstm", false)]
    [TestCase("lstm", true)]
    [TestCase("gru", false)]
    [TestCase("gru", true)]
    public void Fused_Float32_MatchesGeneralLoopTo1e5(string kind, bool masked)
    {
        GatedCell cell = kind == "lstm" ? new LSTMCell(17, seed: 1) : new GRUCell(17, seed: 1);
        var x = K.Placeholder([null, null, 8], name: "x");
        var mask = masked ? G.NotEqual(G.Sum(x, [2]), G.ScalarLike(G.Sum(x, [2]), 0)) : null;
        var fused = new RNN(cell, returnSequences: true, returnState: true).ApplyMultiple([x], masks: [mask]);
        var loop = new RNN(new LoopOnly(cell), returnSequences: true, returnState: true).ApplyMultiple([x], masks: [mask]);
        var grads = Gradients(fused, [x, cell.Kernel, cell.RecurrentKernel, cell.Bias!], seed: 2, DType.Float32, batch: 5, steps: 12);
        var loopGrads = Gradients(loop, [x, cell.Kernel, cell.RecurrentKernel, cell.Bias!], seed: 2, DType.Float32, batch: 5, steps: 12);
        var f = K.Function([x], [.. fused, .. grads, .. loop, .. loopGrads]);

        var input = Uniform(4, 1, 5, 12, 8);
        if (masked) input.Span<float>()[16..40].Clear(); // steps 2..4 of the first row are padding
        var result = f.Call(input);

        int n = fused.Count + grads.Length;
        for (int i = 0; i < n; i++)
            Assert.That(Values(result.Buffer(i)), Is.EqualTo(Values(result.Buffer(n + i))).Within(1e-5), $"result {i}");
    }

    [Test]
    public void LstmLayer_Compiled_RunsOneFusedStepForwardAndOneBackward()
    {
        var x = K.Placeholder([null, 7, 3], name: "x");
        var layer = new LSTM(4);
        var y = layer.Apply(x);
        var grad = K.Gradients(G.Sum(y), [layer.Cell.Kernel])[0]!;

        var ops = K.Function([x], [y, grad]).PlanFor().StepOps;

        Assert.That(ops.Count(op => op is LstmSequenceOp), Is.EqualTo(1));
        Assert.That(ops.Count(op => op is LstmSequenceGradOp), Is.EqualTo(1));
        Assert.That(ops, Has.None.TypeOf<LoopOp>());
    }

    [Test]
    public void CustomActivation_KeepsGeneralLoop()
    {
        var x = K.Placeholder([null, 7, 3], name: "x");
        var y = new LSTM(4, activation: (Func<Node, Node>)(v => G.Tanh(v))).Apply(x);

        var ops = K.Function([x], [y]).PlanFor().StepOps;

        Assert.That(ops, Has.None.TypeOf<LstmSequenceOp>());
        Assert.That(ops.Count(op => op is LoopOp), Is.EqualTo(1));
    }

    [Test]
    public void SecondDerivative_ThroughFusedLayer_ThrowsNamingTheOp()
    {
        var x = K.Placeholder([2, 3, 2], name: "x");
        var y = new LSTM(2).Apply(x);
        var dx = K.Gradients(G.Sum(y), [x])[0]!;

        var error = Assert.Throws<InvalidOperationException>(() => K.Gradients(G.Sum(dx), [x]));

        Assert.That(error!.Message, Does.Contain("LstmSequenceGrad").And.Contain("second derivative"));
    }

    /// <summary>∂(Σᵢ Uᵢ·outᵢ)/∂wrt for fixed random U per output.</summary>
    private static Node[] Gradients(IReadOnlyList<Node> outputs, Node[] wrt, int seed, DType dtype = DType.Float64, int batch = Batch, int steps = Steps)
    {
        var random = new Random(seed);
        Node loss = G.Sum(G.Mul(outputs[0], G.Constant(RandomLike(outputs[0], random, dtype, batch, steps))));
        foreach (var output in outputs.Skip(1))
            loss = G.Add(loss, G.Sum(G.Mul(output, G.Constant(RandomLike(output, random, dtype, batch, steps)))));
        return K.Gradients(loss, wrt).Select(g => g!).ToArray();
    }

    private static TensorBuffer RandomLike(Node node, Random random, DType dtype, int batch, int steps)
    {
        // Outputs are (batch, units) or (batch, time, units); the placeholders leave batch and time unknown.
        int units = node.Shape[-1]!.Value;
        int[] dims = node.Shape.Rank == 3 ? [batch, steps, units] : [batch, units];
        var data = Enumerable.Range(0, dims.Aggregate(1, (a, b) => a * b)).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return dtype == DType.Float64 ? TensorBuffer.From(data, dims) : TensorBuffer.From(data.Select(v => (float)v).ToArray(), dims);
    }

    private static TensorBuffer Random64(int seed, params int[] dims)
    {
        var random = new Random(seed);
        return TensorBuffer.From(Enumerable.Range(0, dims.Aggregate(1, (a, b) => a * b)).Select(_ => random.NextDouble() * 2 - 1).ToArray(), dims);
    }
}
