using System.Text.Json;
using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Ops.Recurrent;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>
/// SimpleRNN, LSTM (sigmoid and hard_sigmoid) and GRU (reset_after true and false) against vectors written by
/// Reference/rnn/make_rnn_vectors.py in float64 (torch.nn cells where torch computes the same thing, the Keras
/// formulas in numpy/torch otherwise, cross-checked): sequence output, final states and the gradients of
/// <c>Σ U·outputs + Σ Vᵢ·statesᵢ</c> with respect to the inputs and the three weights, with masks and go_backwards,
/// through the fused LSTM/GRU kernels or the loop op (unknown time length) and through the unrolled graph; float32
/// forward values to 1e-4.
/// </summary>
public sealed class RnnParityTests : GraphTestBase
{
    private const double Tolerance = 1e-5;
    private static readonly string VectorFile = Path.Combine(AppContext.BaseDirectory, "Reference", "rnn", "rnn_vectors.json");

    public static IEnumerable<TestCaseData> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
            foreach (bool unroll in new[] { false, true })
            {
                string name = c.GetProperty("name").GetString()!;
                yield return new TestCaseData(name, unroll).SetArgDisplayNames(name, unroll ? "unrolled" : "loop");
            }
    }

    [Test]
    public void VectorFile_CoversEveryCellVariantWithMasksAndDirections()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        var names = document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();

        foreach (var variant in new[] { "simple_rnn", "lstm_sigmoid", "lstm_hard_sigmoid", "gru_sigmoid_reset_after", "gru_sigmoid_reset_before", "gru_hard_sigmoid_reset_after" })
            foreach (var suffix in new[] { "", "_masked", "_backwards", "_masked_backwards" })
                Assert.That(names, Does.Contain(variant + suffix));
    }

    [TestCaseSource(nameof(Cases))]
    public void Float64_OutputsStatesAndGradients_MatchReference(string name, bool unroll)
    {
        var c = Load(name);
        var inputs = Read(c, "inputs");
        var x = K.Placeholder(unroll ? Shape.Of(inputs.Dims) : new Shape(null, null, inputs.Dims[2]), DType.Float64, name: "x");
        Node? mask = c.GetProperty("mask").ValueKind == JsonValueKind.Null ? null : K.Placeholder([null, null], DType.Bool, name: "mask");
        var layer = Create(c, unroll);
        var outputs = layer.ApplyMultiple([x], masks: [mask]);
        var cell = (GatedCell)layer.Cell;
        K.SetValue(cell.Kernel, Buffer(Read(c, "kernel")));
        K.SetValue(cell.RecurrentKernel, Buffer(Read(c, "recurrent_kernel")));
        K.SetValue(cell.Bias!, Buffer(Read(c, "bias")));

        var upstreamStates = c.GetProperty("upstream_states").EnumerateArray().Select(e => G.Constant(Buffer(Read(e)))).ToArray();
        var loss = G.Sum(G.Mul(outputs[0], G.Constant(Buffer(Read(c, "upstream_seq")))));
        for (int i = 0; i < upstreamStates.Length; i++) loss = G.Add(loss, G.Sum(G.Mul(outputs[1 + i], upstreamStates[i])));
        var grads = K.Gradients(loss, [x, cell.Kernel, cell.RecurrentKernel, cell.Bias!]).Select(g => g!).ToArray();
        var f = K.Function(mask is null ? [x] : [x, mask], [.. outputs, .. grads]);
        var feeds = new List<FeedValue> { Buffer(inputs) };
        if (mask is not null) feeds.Add(TensorBuffer.From<bool>(Read(c, "mask").Data.Select(v => v != 0).ToArray(), Read(c, "mask").Dims));
        var result = f.Call([.. feeds]);

        // LSTM and reset-after GRU layers run the fused kernels; the others (and unrolled layers) the loop op.
        bool fused = !unroll && (c.GetProperty("cell").GetString() == "lstm" || (c.GetProperty("cell").GetString() == "gru" && c.GetProperty("reset_after").GetBoolean()));
        Assert.That(f.PlanFor().StepOps.Any(op => op is LstmSequenceOp or GruSequenceOp), Is.EqualTo(fused), "fused path");
        var expected = new List<(string, Vector)> { ("outputs", Read(c, "outputs")) };
        expected.AddRange(c.GetProperty("final_states").EnumerateArray().Select((e, i) => ($"state {i}", Read(e))));
        expected.AddRange(new[] { "grad_inputs", "grad_kernel", "grad_recurrent_kernel", "grad_bias" }.Select(k => (k, Read(c, k))));
        double worst = 0;
        for (int i = 0; i < expected.Count; i++) worst = Math.Max(worst, AssertClose(result.Buffer(i), expected[i].Item2, $"{name}: {expected[i].Item1}"));
        TestContext.Out.WriteLine($"{name} ({(unroll ? "unrolled" : "loop")}): max relative error {worst:E2}");
    }

    public static IEnumerable<TestCaseData> Names()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
            yield return new TestCaseData(c.GetProperty("name").GetString()!).SetArgDisplayNames(c.GetProperty("name").GetString()!);
    }

    [TestCaseSource(nameof(Names))]
    public void Float32_OutputsAndStates_MatchReferenceTo1e4(string name)
    {
        var c = Load(name);
        var x = K.Placeholder([null, null, Read(c, "inputs").Dims[2]], name: "x");
        Node? mask = c.GetProperty("mask").ValueKind == JsonValueKind.Null ? null : K.Placeholder([null, null], DType.Bool, name: "mask");
        var layer = Create(c, unroll: false, DType.Float32);
        var outputs = layer.ApplyMultiple([x], masks: [mask]);
        var cell = (GatedCell)layer.Cell;
        K.SetValue(cell.Kernel, Buffer32(Read(c, "kernel")));
        K.SetValue(cell.RecurrentKernel, Buffer32(Read(c, "recurrent_kernel")));
        K.SetValue(cell.Bias!, Buffer32(Read(c, "bias")));
        var f = K.Function(mask is null ? [x] : [x, mask], outputs);
        var feeds = new List<FeedValue> { Buffer32(Read(c, "inputs")) };
        if (mask is not null) feeds.Add(TensorBuffer.From<bool>(Read(c, "mask").Data.Select(v => v != 0).ToArray(), Read(c, "mask").Dims));

        var result = f.Call([.. feeds]);

        var expected = new[] { Read(c, "outputs") }.Concat(c.GetProperty("final_states").EnumerateArray().Select(Read)).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.That(result.Buffer(i).Dims, Is.EqualTo(expected[i].Dims));
            var actual = result.Buffer(i).Span<float>().ToArray();
            for (int j = 0; j < actual.Length; j++)
                Assert.That(actual[j], Is.EqualTo(expected[i].Data[j]).Within(1e-4 * Math.Max(1, Math.Abs(expected[i].Data[j]))), $"{name}: output {i}[{j}]");
        }
    }

    private static TensorBuffer Buffer32(Vector v) => TensorBuffer.From<float>(v.Data.Select(d => (float)d).ToArray(), v.Dims);

    private static RNN Create(JsonElement c, bool unroll, DType dtype = DType.Float64)
    {
        int units = c.GetProperty("units").GetInt32();
        bool backwards = c.GetProperty("go_backwards").GetBoolean();
        string recurrentActivation = c.GetProperty("recurrent_activation").GetString()!;
        return c.GetProperty("cell").GetString() switch
        {
            "simple_rnn" => new SimpleRNN(units, returnSequences: true, returnState: true, goBackwards: backwards, unroll: unroll, dtype: dtype),
            "lstm" => new LSTM(units, recurrentActivation: recurrentActivation, returnSequences: true, returnState: true,
                goBackwards: backwards, unroll: unroll, dtype: dtype),
            _ => new GRU(units, recurrentActivation: recurrentActivation, resetAfter: c.GetProperty("reset_after").GetBoolean(),
                returnSequences: true, returnState: true, goBackwards: backwards, unroll: unroll, dtype: dtype),
        };
    }

    private sealed record Vector(int[] Dims, double[] Data);

    private static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        return document.RootElement.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == name).Clone();
    }

    private static Vector Read(JsonElement c, string key) => Read(c.GetProperty(key));

    private static Vector Read(JsonElement e) => new(e.GetProperty("dims").EnumerateArray().Select(d => d.GetInt32()).ToArray(),
        e.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ToArray());

    private static TensorBuffer Buffer(Vector v) => TensorBuffer.From<double>(v.Data, v.Dims);

    /// <summary>Asserts |a − e| ≤ tol·max(1, |e|) elementwise; returns the largest relative error.</summary>
    private static double AssertClose(TensorBuffer actual, Vector expected, string what)
    {
        Assert.That(actual.Dims, Is.EqualTo(expected.Dims), $"{what} shape");
        var values = actual.Span<double>();
        double worst = 0;
        for (int i = 0; i < expected.Data.Length; i++)
        {
            double scale = Math.Max(1, Math.Abs(expected.Data[i]));
            worst = Math.Max(worst, Math.Abs(values[i] - expected.Data[i]) / scale);
            Assert.That(values[i], Is.EqualTo(expected.Data[i]).Within(Tolerance * scale), $"{what}[{i}]");
        }
        return worst;
    }
}
