using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Layers;

/// <summary>
/// The shared layer harness (DESIGN §7): every layer is built and called on unknown-batch inputs, its static output
/// shape must equal ComputeOutputShape, its weight counts are checked, and one compiled function run at phase 0 and
/// phase 1 must give outputs of the computed shape with the expected phase behaviour.
/// </summary>
public sealed class LayerHarnessTests : GraphTestBase
{
    private const int Batch = 3;

    private static IEnumerable<TestCaseData> Cases() =>
        LayerCases.All().Select(c => new TestCaseData(c).SetName($"Harness_{c.Name}"));

    [TestCaseSource(nameof(Cases))]
    public void Harness(LayerCase c)
    {
        var layer = c.Create();
        var inputs = c.InputShapes.Select((s, i) => K.Placeholder([null, .. s], c.InputDType, name: $"in{i}")).ToArray();

        var output = c.AsList ? layer.Apply(inputs) : layer.Apply(inputs[0]);

        Assert.That(layer.Built, Is.True);
        var shapes = inputs.Select(x => x.Shape).ToArray();
        var expectedShape = c.AsList ? layer.ComputeOutputShape(shapes)[0] : layer.ComputeOutputShape(shapes[0]);
        Assert.That(output.Shape, Is.EqualTo(expectedShape), "static output shape vs ComputeOutputShape");
        Assert.That(layer.TrainableWeights, Has.Count.EqualTo(c.TrainableWeights), "trainable weights");
        Assert.That(layer.NonTrainableWeights, Has.Count.EqualTo(c.NonTrainableWeights), "non-trainable weights");
        Assert.That(output.UsesLearningPhase, Is.EqualTo(c.Phase != PhaseBehaviour.None), "UsesLearningPhase");

        var f = K.Function([.. inputs, K.LearningPhase()], [output]);
        var feeds = inputs.Select((x, i) => Feed(c, i, x)).ToArray();
        var inference = f.Call([.. feeds.Select(b => (FeedValue)b), 0]).Buffer(0);
        var training = f.Call([.. feeds.Select(b => (FeedValue)b), 1]).Buffer(0);

        var concrete = c.AsList ? layer.ComputeOutputShape(feeds.Select(b => Shape.Of(b.Dims)).ToArray())[0]
            : layer.ComputeOutputShape(Shape.Of(feeds[0].Dims));
        Assert.That(inference.Dims, Is.EqualTo(concrete.ToArray()), "run shape vs ComputeOutputShape");
        Assert.That(training.Dims, Is.EqualTo(inference.Dims));
        var inf = Values(inference);
        var train = Values(training);
        Assert.That(inf, Has.All.Matches<double>(double.IsFinite), "finite at phase 0");
        switch (c.Phase)
        {
            case PhaseBehaviour.None:
                Assert.That(train, Is.EqualTo(inf), "phase 1 equals phase 0");
                break;
            case PhaseBehaviour.IdentityAtInference:
                Assert.That(inf, Is.EqualTo(Values(feeds[0])), "phase 0 is the identity");
                Assert.That(train, Is.Not.EqualTo(inf), "phase 1 differs");
                break;
            case PhaseBehaviour.Differs:
                Assert.That(train, Is.Not.EqualTo(inf), "phase 1 differs");
                break;
        }
    }

    private static TensorBuffer Feed(LayerCase c, int index, Node input)
    {
        var dims = input.Shape.Dims.Select((d, i) => i == 0 ? Batch : d ?? 4).ToArray();
        if (c.Inputs is { } make) return make(index, dims);
        var buffer = TensorBuffer.Zeros(c.InputDType, dims);
        if (c.InputDType == DType.Float32)
        {
            var span = buffer.Span<float>();
            for (int i = 0; i < span.Length; i++) span[i] = (float)Math.Sin(0.7 * i + index + 0.3) * 1.5f;
        }
        return buffer;
    }

    private static double[] Values(TensorBuffer b) => b.DType switch
    {
        DType.Float32 => b.Span<float>().ToArray().Select(v => (double)v).ToArray(),
        DType.Float64 => b.Span<double>().ToArray(),
        DType.Int32 => b.Span<int>().ToArray().Select(v => (double)v).ToArray(),
        DType.Int64 => b.Span<long>().ToArray().Select(v => (double)v).ToArray(),
        _ => b.Span<bool>().ToArray().Select(v => v ? 1.0 : 0.0).ToArray(),
    };
}
