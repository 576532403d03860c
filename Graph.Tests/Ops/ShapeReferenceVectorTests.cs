using System.Text.Json;
using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using Graph.Tests.Ops.Catalog;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>
/// Shape ops against numpy: the cases and expected values in Reference/shape_vectors.json were written by
/// Reference/make_shape_vectors.py (StridedSlice masks through Python indexing, np.pad, np.take, one-hot by
/// comparison, np.tile, np.repeat, np.matmul, np.dot, einsum for K.batch_dot), so the expectations are not our own reading of TF.
/// </summary>
public sealed class ShapeReferenceVectorTests : GraphTestBase
{
    private static readonly string VectorFile = Path.Combine(TestContext.CurrentContext.TestDirectory, "Ops", "Reference", "shape_vectors.json");

    public static IEnumerable<TestCaseData> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string label = $"{c.GetProperty("op").GetString()}_{c.GetProperty("name").GetString()}";
            yield return new TestCaseData(c.GetRawText()).SetArgDisplayNames(label);
        }
    }

    [Test]
    public void VectorFile_CoversEveryMisreadableOp()
    {
        var ops = Cases().Select(c => ((string)c.Arguments[0]!).Split('"')[3]).ToHashSet();
        Assert.That(ops, Is.SupersetOf(new[] { "strided_slice", "pad", "gather", "one_hot", "tile", "repeat_elements", "batch_matmul", "dot", "batch_dot" }));
        Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(40));
    }

    [TestCaseSource(nameof(Cases))]
    public void Op_OnVectorCase_MatchesNumpy(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var c = doc.RootElement;
        var values = c.GetProperty("inputs").EnumerateArray().Select(ToBuffer).ToArray();
        var inputs = values.Select((v, i) => K.Placeholder(v.Shape, v.DType, name: $"in{i}")).ToArray();
        var output = Build(c.GetProperty("op").GetString()!, c.GetProperty("attrs"), inputs);
        var expected = ToBuffer(c.GetProperty("expected"));

        var actual = RefValue.From(K.Function(inputs, [output]).Call(values.Select(v => (FeedValue)v).ToArray()).Buffer(0));

        Assert.That(actual.Dims, Is.EqualTo(expected.Dims), "shape");
        Assert.That(output.Shape, Is.EqualTo(expected.Shape), "static shape");
        var want = RefValue.From(expected).Data;
        for (int i = 0; i < want.Length; i++)
            Assert.That(actual.Data[i], Is.EqualTo(want[i]).Within(1e-12 * Math.Max(1, Math.Abs(want[i]))), $"element {i}");
    }

    private static Node Build(string op, JsonElement a, Node[] x)
    {
        int Int(string name) => a.GetProperty(name).GetInt32();
        int[] Ints(string name) => a.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        double Real(string name) => a.GetProperty(name).GetDouble();
        switch (op)
        {
            case "strided_slice":
                return G.StridedSlice(x[0], Ints("begin"), Ints("end"), Ints("strides"), Int("begin_mask"), Int("end_mask"),
                    Int("ellipsis_mask"), Int("new_axis_mask"), Int("shrink_axis_mask"));
            case "pad":
                var flat = Ints("paddings");
                var paddings = new int[flat.Length / 2, 2];
                for (int i = 0; i < flat.Length; i++) paddings[i / 2, i % 2] = flat[i];
                return G.Pad(x[0], paddings, a.GetProperty("mode").GetString()!, Real("constant"));
            case "gather": return G.Gather(x[0], x[1], Int("axis"));
            case "one_hot": return G.OneHot(x[0], Int("depth"), Real("on"), Real("off"), Int("axis"), DType.Float64);
            case "tile": return G.Tile(x[0], Ints("multiples"));
            case "repeat_elements": return G.RepeatElements(x[0], Int("rep"), Int("axis"));
            case "batch_matmul": return G.BatchMatMul(x[0], x[1], a.GetProperty("adj_x").GetBoolean(), a.GetProperty("adj_y").GetBoolean());
            case "dot": return G.Dot(x[0], x[1]);
            case "batch_dot":
                return a.GetProperty("axes").ValueKind == JsonValueKind.Null ? G.BatchDot(x[0], x[1]) : G.BatchDot(x[0], x[1], Ints("axes"));
            default: throw new AssertionException($"Unknown op '{op}' in {VectorFile}.");
        }
    }

    private static TensorBuffer ToBuffer(JsonElement v)
    {
        var dims = v.GetProperty("dims").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var data = v.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return v.GetProperty("dtype").GetString() == "int32"
            ? TensorBuffer.From<int>(data.Select(d => (int)d).ToArray(), dims)
            : TensorBuffer.From<double>(data, dims);
    }
}
