using Graph.Core;

namespace Graph.Runtime.Training;

/// <summary>
/// Inputs, targets and per-sample weights of a compiled model, checked against it once (sample counts, shapes,
/// sparse label ranges — with Keras's error wordings) and then cut into batches of feeds.
/// </summary>
internal sealed class TrainingData
{
    private readonly Model _model;
    private readonly SampleData[] _x, _y;
    private readonly SampleData _weights;

    private TrainingData(Model model, SampleData[] x, SampleData[] y, SampleData weights)
    {
        (_model, _x, _y, _weights) = (model, x, y, weights);
        Count = x[0].Count;
    }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Validates and wraps the arrays; class weights multiply the sample weights by each sample's class.</summary>
    /// <exception cref="ArgumentException">counts, shapes or labels do not fit the model; nothing has run.</exception>
    public static TrainingData Create(Model model, IReadOnlyList<SampleData> x, IReadOnlyList<SampleData> y,
        float[]? sampleWeight, IReadOnlyDictionary<int, double>? classWeight)
    {
        var setup = model.Setup;
        if (x.Count != model.Inputs.Count)
            throw new ArgumentException($"Error when checking model input: the list of arrays passed has {x.Count} arrays but the model expects {model.Inputs.Count}.");
        if (y.Count != setup.Targets.Length)
            throw new ArgumentException($"Error when checking model target: the list of arrays passed has {y.Count} arrays but the model expects {setup.Targets.Length}.");
        int n = x[0].Count;
        foreach (var array in x.Concat(y))
            if (array.Count != n)
                throw new ArgumentException($"Input arrays should have the same number of samples as target arrays. Found {n} input samples and {array.Count} target samples.");
        for (int i = 0; i < x.Count; i++) CheckShape("input", model.Inputs[i], x[i]);
        var targets = new SampleData[y.Count];
        for (int i = 0; i < y.Count; i++)
        {
            targets[i] = WithTargetRank(y[i], setup.Targets[i]);
            CheckShape("target", setup.Targets[i], targets[i], KerasName(model, i));
            if (setup.Losses[i].Name == "sparse_categorical_crossentropy") CheckSparseLabels(targets[i], model.Outputs[i].Shape[-1]);
        }
        if (sampleWeight is not null && sampleWeight.Length != n)
            throw new ArgumentException($"Found a sample_weight array with {sampleWeight.Length} samples for {n} input samples.");
        var weights = new float[n];
        for (int s = 0; s < n; s++) weights[s] = sampleWeight?[s] ?? 1f;
        if (classWeight is not null) ApplyClassWeights(weights, targets[0], classWeight);
        return new TrainingData(model, x.ToArray(), targets, TensorBuffer.From<float>(weights, n));
    }

    /// <summary>The feeds of one batch: inputs, targets, sample weights per output, and the phase when dynamic.</summary>
    public FeedValue[] BatchFeeds(ReadOnlySpan<int> indices, int phase)
    {
        var setup = _model.Setup;
        var feeds = new FeedValue[_x.Length + 2 * _y.Length + (setup.DynamicPhase ? 1 : 0)];
        int k = 0;
        foreach (var x in _x) feeds[k++] = x.Gather(indices);
        foreach (var y in _y) feeds[k++] = y.Gather(indices);
        var weights = _weights.Gather(indices);
        for (int i = 0; i < _y.Length; i++) feeds[k++] = weights;
        if (setup.DynamicPhase) feeds[k] = phase;
        return feeds;
    }

    /// <summary>The inputs of one batch, and the phase when dynamic (for the predict function).</summary>
    public static FeedValue[] InputFeeds(Model model, IReadOnlyList<SampleData> x, ReadOnlySpan<int> indices)
    {
        bool dynamic = model.Setup.DynamicPhase;
        var feeds = new FeedValue[x.Count + (dynamic ? 1 : 0)];
        for (int i = 0; i < x.Count; i++) feeds[i] = x[i].Gather(indices);
        if (dynamic) feeds[^1] = 0;
        return feeds;
    }

    /// <summary>Keras's <c>validation_split</c>: the last fraction of the samples (before any shuffling) validates.</summary>
    public (TrainingData Train, TrainingData Validation) SplitTail(double fraction)
    {
        int splitAt = (int)(Count * (1 - fraction));
        if (splitAt == 0 || splitAt == Count)
            throw new ArgumentException($"validation_split {fraction} leaves no training or no validation samples out of {Count}.");
        TrainingData Part(int start, int count) => new(_model,
            _x.Select(a => a.Rows(start, count)).ToArray(), _y.Select(a => a.Rows(start, count)).ToArray(), _weights.Rows(start, count));
        return (Part(0, splitAt), Part(splitAt, Count - splitAt));
    }

    private static SampleData WithTargetRank(SampleData y, Node target)
    {
        // Integer labels of shape (n,) feed a (?, 1) target: add the trailing axis without copying.
        if (y.Values.Rank == target.Shape.Rank - 1 && target.Shape[-1] == 1)
            return new SampleData(new TensorBuffer(y.Values.DType, [.. y.Values.Dims, 1], y.Values.Data));
        return y;
    }

    private static void CheckShape(string what, Node placeholder, SampleData data, string? name = null)
    {
        var dims = data.Values.Dims;
        if (!placeholder.Shape.IsCompatibleWith(ReplaceBatch(dims, placeholder.Shape)))
            throw new ArgumentException(
                $"Error when checking {what}: expected {name ?? placeholder.Name} to have shape {placeholder.Shape} but got array with shape {Shape.Format(dims)}.");
    }

    private static int[] ReplaceBatch(int[] dims, Shape shape)
    {
        if (dims.Length != shape.Rank || dims.Length == 0) return dims;
        var copy = (int[])dims.Clone();
        copy[0] = shape[0] ?? dims[0];
        return copy;
    }

    private static void CheckSparseLabels(SampleData labels, int? classes)
    {
        if (classes is not { } c) return;
        var values = new double[labels.Values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = Convert.ToDouble(labels.Values.Data.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        foreach (double v in values)
            if (v != Math.Floor(v) || v < 0 || v >= c)
                throw new ArgumentException($"Received a label value of {v} which is outside the valid range of [0, {c}).");
    }

    private static void ApplyClassWeights(float[] weights, SampleData y, IReadOnlyDictionary<int, double> classWeight)
    {
        int row = y.RowLength;
        for (int s = 0; s < weights.Length; s++)
        {
            int label;
            if (row == 1) label = (int)Math.Round(Convert.ToDouble(y.Values.Data.GetValue(s), System.Globalization.CultureInfo.InvariantCulture));
            else
            {
                label = 0;
                double best = double.NegativeInfinity;
                for (int j = 0; j < row; j++)
                {
                    double v = Convert.ToDouble(y.Values.Data.GetValue(s * row + j), System.Globalization.CultureInfo.InvariantCulture);
                    if (v > best) (best, label) = (v, j);
                }
            }
            weights[s] *= (float)classWeight.GetValueOrDefault(label, 1.0);
        }
    }

    private static string KerasName(Model model, int output) =>
        Graph.Ops.Layers.KerasHistory.LayerOf(model.Outputs[output])?.Name ?? model.Outputs[output].Name;
}
