using Graph.Ops.Layers;
using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Layers.Config;

/// <summary>Model.Summary against the table and counts Keras 2 prints for the same models.</summary>
public sealed class SummaryTests : GraphTestBase
{
    [Test]
    public void Summary_EmbeddingConv1DBatchNormDense_KerasTableAndCounts()
    {
        var model = new Sequential([
            new Embedding(1000, 16, inputLength: 10) { InputShape = [10] },
            new Conv1D(32, 3, activation: "relu"),
            new BatchNormalization(),
            new GlobalMaxPooling1D(),
            new Dense(1, activation: "sigmoid"),
        ]);
        var printed = new List<string>();

        string text = model.Summary(printFn: printed.Add);

        // Embedding 1000·16; Conv1D 3·16·32 + 32; BatchNormalization 4·32 (moving mean and variance not trainable); Dense 32 + 1.
        string expected = string.Join('\n',
            new string('_', 65),
            "Layer (type)                 Output Shape              Param #   ",
            new string('=', 65),
            "embedding (Embedding)        (None, 10, 16)            16000     ",
            new string('_', 65),
            "conv1d (Conv1D)              (None, 8, 32)             1568      ",
            new string('_', 65),
            "batch_normalization (BatchNo (None, 8, 32)             128       ",
            new string('_', 65),
            "global_max_pooling1d (Global (None, 32)                0         ",
            new string('_', 65),
            "dense (Dense)                (None, 1)                 33        ",
            new string('=', 65),
            "Total params: 17,729",
            "Trainable params: 17,665",
            "Non-trainable params: 64",
            new string('_', 65));
        Assert.That(text, Is.EqualTo(expected));
        Assert.That(string.Join('\n', printed), Is.EqualTo(expected));
    }

    [Test]
    public void Summary_FunctionalWithMerge_ConnectedToColumn()
    {
        var a = new Input([4], name: "a");
        var b = new Input([4], name: "b");
        var shared = new Dense(3, name: "shared");
        var merged = new Add(name: "add").Apply([shared.Apply(a), shared.Apply(b)]);
        var model = new Model([a, b], [new Dense(1, name: "out").Apply(merged)]);

        var lines = model.Summary(print: false).Split('\n');

        Assert.That(lines[0], Has.Length.EqualTo(98));
        Assert.That(lines[1], Is.EqualTo(Row("Layer (type)", "Output Shape", "Param #", "Connected to")));
        Assert.That(lines, Does.Contain(Row("shared (Dense)", "(None, 3)", "15", "a[0][0]")));
        Assert.That(lines, Does.Contain(Row("", "", "", "b[0][0]")));
        Assert.That(lines, Does.Contain(Row("add (Add)", "(None, 3)", "0", "shared[0][0]")));
        Assert.That(lines, Does.Contain(Row("", "", "", "shared[1][0]")));
        Assert.That(lines, Does.Contain(Row("a (InputLayer)", "(None, 4)", "0", "")));
        Assert.That(lines[^4..^1], Is.EqualTo(new[] { "Total params: 19", "Trainable params: 19", "Non-trainable params: 0" }));
    }

    [Test]
    public void Summary_FunctionalChain_NoConnectedToColumn()
    {
        var x = new Input([5], name: "x");
        var model = new Model(x, new Dense(2, name: "d").Apply(new Dense(3, name: "h").Apply(x)));

        var lines = model.Summary(print: false).Split('\n');

        Assert.That(lines[0], Has.Length.EqualTo(65));
        Assert.That(lines[3], Is.EqualTo("x (InputLayer)               (None, 5)                 0         "));
        Assert.That(lines[^4], Is.EqualTo("Total params: 26"));
    }

    /// <summary>Keras's columns at 98 characters: 33%, 55%, 67%, 100% → ends at 32, 53, 65, 98.</summary>
    private static string Row(string layer, string shape, string count, string connected) =>
        layer.PadRight(32) + shape.PadRight(21) + count.PadRight(12) + connected.PadRight(33);

    [Test]
    public void Summary_UnbuiltSequential_Throws()
    {
        var model = new Sequential([new Dense(2)]);

        Assert.Throws<InvalidOperationException>(() => model.Summary(print: false));
    }
}
