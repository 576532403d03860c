using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;

namespace Graph.Tests.Layers.Config;

/// <summary>Inputs, weight perturbation and evaluation shared by the config tests.</summary>
internal static class ConfigTestHelpers
{
    /// <summary>The registry the tests load with: built-ins, models, and the harness's Lambda function.</summary>
    public static LayerRegistry Registry() => Model.CreateRegistry().RegisterFunction("times_two", x => G.Mul(x, 2.0));

    /// <summary>Moves every weight of <paramref name="layer"/> to distinct positive values, so copying them is observable.</summary>
    public static void Perturb(Layer layer)
    {
        var values = layer.GetWeights().Select((w, k) =>
        {
            var copy = TensorBuffer.Zeros(w.DType, w.Dims);
            var span = copy.Span<float>();
            for (int i = 0; i < span.Length; i++) span[i] = 0.6f + 0.4f * (float)Math.Sin(1.3 * i + k);
            return copy;
        }).ToArray();
        layer.SetWeights(values);
    }

    /// <summary>A deterministic float feed of <paramref name="dims"/>.</summary>
    public static TensorBuffer Ramp(int[] dims, int offset = 0)
    {
        var buffer = TensorBuffer.Zeros(DType.Float32, dims);
        var span = buffer.Span<float>();
        for (int i = 0; i < span.Length; i++) span[i] = (float)Math.Sin(0.7 * i + offset + 0.3) * 1.5f;
        return buffer;
    }

    /// <summary>Integer-valued float feed in [0, vocabulary).</summary>
    public static TensorBuffer IntRamp(int[] dims, int vocabulary)
    {
        var buffer = TensorBuffer.Zeros(DType.Float32, dims);
        var span = buffer.Span<float>();
        for (int i = 0; i < span.Length; i++) span[i] = (i * 7 + 1) % vocabulary;
        return buffer;
    }

    /// <summary>Runs <paramref name="outputs"/> at phase 0 with <paramref name="feeds"/> for <paramref name="inputs"/>.</summary>
    public static float[][] Run(IReadOnlyList<Node> inputs, IReadOnlyList<TensorBuffer> feeds, params Node[] outputs)
    {
        var f = K.Function([.. inputs, K.LearningPhase()], outputs);
        var result = f.Call([.. feeds.Select(b => (FeedValue)b), 0]);
        return outputs.Select((_, i) => result.Buffer(i).Span<float>().ToArray()).ToArray();
    }
}
