using Graph.Core;
using Graph.Ops.Catalog;
using Graph.Runtime;

namespace Graph.Tests.Ops.Catalog;

/// <summary>Builds a catalog case in a fresh graph, feeds generated inputs, and runs it.</summary>
public static class CatalogHarness
{
    /// <summary>Deterministic input values for a case (seeded by the case name and input index).</summary>
    public static TensorBuffer[] Inputs(OpCase c, bool float64, Func<OpInput, Shape>? reshape = null)
    {
        var buffers = new TensorBuffer[c.Inputs.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            var spec = c.Inputs[i];
            var dims = (reshape?.Invoke(spec) ?? spec.Shape).ToArray();
            var dtype = float64 && spec.DType.IsFloating() ? DType.Float64 : spec.DType;
            var random = new System.Random(StableHash(c.Name) * 31 + i);
            var buffer = TensorBuffer.Zeros(dtype, dims);
            for (int j = 0; j < buffer.Length; j++) buffer.Data.SetValue(Draw(random, spec, dtype), j);
            buffers[i] = buffer;
        }
        return buffers;
    }

    private static object Draw(System.Random random, OpInput spec, DType dtype)
    {
        if (!dtype.IsFloating())
        {
            long v = (long)Math.Round(spec.Min + random.NextDouble() * (spec.Max - spec.Min));
            return dtype switch { DType.Int32 => (object)(int)v, DType.Int64 => v, _ => v != 0 };
        }
        double x;
        do x = spec.Min + random.NextDouble() * (spec.Max - spec.Min);
        while (Math.Abs(x) < spec.KinkMargin);
        return dtype == DType.Float32 ? (object)(float)x : x;
    }

    private static int StableHash(string s) => s.Aggregate(17, (h, ch) => unchecked(h * 31 + ch)) & 0x7fffffff;

    /// <summary>Placeholders typed like <paramref name="values"/>, the case's node, and a function over them.</summary>
    public static (Node[] Placeholders, Node Output, Function Function) Build(OpCase c, TensorBuffer[] values, bool unknownLeading = false)
    {
        var placeholders = values.Select((v, i) =>
        {
            var dims = v.Dims.Select(d => (int?)d).ToArray();
            if (unknownLeading && dims.Length > 0) dims[0] = null;
            return K.Placeholder(new Shape(dims), v.DType, name: $"in{i}");
        }).ToArray();
        var output = c.Build(placeholders);
        return (placeholders, output, K.Function(placeholders, [output]));
    }

    /// <summary>Runs the function on values and returns output 0.</summary>
    public static TensorBuffer Run(Function f, TensorBuffer[] values)
    {
        var feeds = values.Select(v => (FeedValue)v).ToArray();
        return f.Call(feeds).Buffer(0);
    }
}
