using System.Text.Json;
using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>
/// Convolution and pooling against vectors computed by Ops/Reference/make_conv_vectors.py (numpy float64,
/// cross-checked with PyTorch): forward results and gradients for a fixed upstream gradient, TF "same" padding with
/// strides 2 and 3, dilation 2, odd and even sizes.
/// </summary>
public sealed class ConvReferenceVectorTests : GraphTestBase
{
    private static readonly string VectorFile = Path.Combine(AppContext.BaseDirectory, "Ops", "Reference", "conv_vectors.json");

    public static IEnumerable<TestCaseData> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            yield return new TestCaseData(name).SetArgDisplayNames(name);
        }
    }

    [Test]
    public void VectorFile_CrossCheckedWithTorch_CoversEveryFamily()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        var ops = document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => $"{c.GetProperty("op").GetString()}{c.GetProperty("rank").GetInt32()}d").Distinct().Order().ToArray();

        Assert.That(document.RootElement.GetProperty("torch_checked").GetBoolean(), Is.True);
        Assert.That(ops, Is.EqualTo(new[] { "avg1d", "avg2d", "conv1d", "conv2d", "max1d", "max2d" }));
    }

    [TestCaseSource(nameof(Cases))]
    public void Float64_ForwardAndGradients_MatchVectors(string name)
    {
        var c = Load(name);
        var (outputs, expected) = Run(c, DType.Float64);

        for (int i = 0; i < expected.Length; i++)
            AssertClose(outputs.Buffer(i), expected[i].Tensor, 1e-10, $"{name}: {expected[i].Name}");
    }

    [TestCaseSource(nameof(Cases))]
    public void Float32_Forward_MatchesVectors(string name)
    {
        var c = Load(name);
        var (outputs, expected) = Run(c, DType.Float32);

        AssertClose(outputs.Buffer(0), expected[0].Tensor, 1e-5, $"{name}: y");
    }

    private sealed record Vector(int[] Dims, double[] Data);

    private static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        return document.RootElement.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == name).Clone();
    }

    private static Vector Read(JsonElement c, string key)
    {
        var e = c.GetProperty(key);
        return new(e.GetProperty("dims").EnumerateArray().Select(d => d.GetInt32()).ToArray(),
            e.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ToArray());
    }

    private static TensorBuffer Buffer(Vector v, DType dtype) => dtype == DType.Float64
        ? TensorBuffer.From<double>(v.Data, v.Dims)
        : TensorBuffer.From<float>(v.Data.Select(d => (float)d).ToArray(), v.Dims);

    /// <summary>Builds the case's op from its attributes, then fetches y and the gradients of Σ dy·y.</summary>
    private static (FunctionResult Outputs, (string Name, Vector Tensor)[] Expected) Run(JsonElement c, DType dtype)
    {
        string op = c.GetProperty("op").GetString()!, padding = c.GetProperty("padding").GetString()!;
        bool oneD = c.GetProperty("rank").GetInt32() == 1;
        int[] strides = Ints(c, "strides"), dilation = Ints(c, "dilation");
        var x = Read(c, "x");
        var xNode = K.Placeholder(Shape.Of(x.Dims), dtype, name: "x");
        var feeds = new List<FeedValue> { Buffer(x, dtype) };
        var inputs = new List<Node> { xNode };
        Node y;
        if (op == "conv")
        {
            var k = Read(c, "kernel");
            var kNode = K.Placeholder(Shape.Of(k.Dims), dtype, name: "kernel");
            inputs.Add(kNode);
            feeds.Add(Buffer(k, dtype));
            y = oneD
                ? G.Conv1D(xNode, kNode, strides[1], padding, dilation[1])
                : G.Conv2D(xNode, kNode, (strides[0], strides[1]), padding, (dilation[0], dilation[1]));
        }
        else
        {
            int[] pool = Ints(c, "pool");
            y = (op, oneD) switch
            {
                ("max", true) => G.MaxPool1D(xNode, pool[1], strides[1], padding),
                ("avg", true) => G.AvgPool1D(xNode, pool[1], strides[1], padding),
                ("max", false) => G.MaxPool2D(xNode, (pool[0], pool[1]), (strides[0], strides[1]), padding),
                _ => G.AvgPool2D(xNode, (pool[0], pool[1]), (strides[0], strides[1]), padding),
            };
        }
        var dy = Read(c, "dy");
        var dyNode = K.Placeholder(Shape.Of(dy.Dims), dtype, name: "dy");
        var grads = Autodiff.Gradients(y, inputs, dyNode).Select(g => g!).ToArray();
        var f = K.Function([.. inputs, dyNode], [y, .. grads]);
        var outputs = f.Call([.. feeds, Buffer(dy, dtype)]);
        var expected = new List<(string, Vector)> { ("y", Read(c, "y")), ("dx", Read(c, "dx")) };
        if (op == "conv") expected.Add(("dw", Read(c, "dw")));
        return (outputs, expected.ToArray());
    }

    private static int[] Ints(JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(d => d.GetInt32()).ToArray();

    private static void AssertClose(TensorBuffer actual, Vector expected, double tolerance, string what)
    {
        Assert.That(actual.Dims, Is.EqualTo(expected.Dims), $"{what} shape");
        for (int i = 0; i < expected.Data.Length; i++)
        {
            double a = Convert.ToDouble(actual.Data.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(a, Is.EqualTo(expected.Data[i]).Within(tolerance * Math.Max(1, Math.Abs(expected.Data[i]))), $"{what}[{i}]");
        }
    }
}
