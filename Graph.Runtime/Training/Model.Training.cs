using System.Numerics.Tensors;
using Graph.Core;
using Graph.Runtime.Training.Callbacks;
using Graph.Runtime.Training.Optimizers;

namespace Graph.Runtime.Training;

public partial class Model
{
    private TrainingSetup? _setup;

    /// <summary>The optimizer given to <c>Compile</c>.</summary>
    public Optimizer? Optimizer => _setup?.Optimizer;

    /// <summary>Names of the values train/test steps return: <c>loss</c>, then per-output losses and metrics (Keras's <c>metrics_names</c>).</summary>
    public IReadOnlyList<string> MetricsNames => _setup?.MetricsNames ?? ["loss"];

    /// <summary>Set by a callback to end <c>Fit</c> after the current batch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>Where Fit/Evaluate write progress (default: standard output).</summary>
    public TextWriter? ProgressOutput { get; set; }

    /// <summary>True once compiled.</summary>
    public bool IsCompiled => _setup is not null;

    /// <summary>The training function's inputs include the learning phase (fed 1 by Fit, 0 by Evaluate/Predict).</summary>
    public bool FeedsLearningPhase => Setup.DynamicPhase;

    /// <summary>
    /// Configures training: builds the total loss, the optimizer's updates over a snapshot of the trainable weights
    /// (changing <c>Trainable</c> afterwards takes effect only after compiling again), and the train, test and predict
    /// functions. One loss for every output.
    /// </summary>
    public void Compile(Optimizer optimizer, string loss, IReadOnlyList<string>? metrics = null, IReadOnlyList<double>? lossWeights = null) =>
        Compile(optimizer, Enumerable.Repeat(Training.Losses.Get(loss), Outputs.Count).ToArray(), metrics, lossWeights);

    /// <summary>As the other overload, with the optimizer by name (<c>"adam"</c>, <c>"sgd"</c>, ...).</summary>
    public void Compile(string optimizer, string loss, IReadOnlyList<string>? metrics = null, IReadOnlyList<double>? lossWeights = null) =>
        Compile(OptimizerTable.Get(optimizer), loss, metrics, lossWeights);

    /// <summary>Compiles with one loss per output.</summary>
    public void Compile(Optimizer optimizer, IReadOnlyList<Loss> losses, IReadOnlyList<string>? metrics = null, IReadOnlyList<double>? lossWeights = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _setup = TrainingSetup.Build(this, optimizer, losses, metrics ?? [], lossWeights);
    }

    internal TrainingSetup Setup => _setup ?? throw new InvalidOperationException(
        $"Model {Name} must be compiled before training or evaluating it: call Compile(optimizer, loss) first.");

    /// <summary>One gradient step on one batch (phase 1); returns the loss and metrics in <see cref="MetricsNames"/> order.</summary>
    public double[] TrainOnBatch(SampleData x, SampleData y, float[]? sampleWeight = null) =>
        TrainOnBatch([x], [y], sampleWeight);

    /// <summary>One gradient step on one batch of a multi-input/-output model.</summary>
    public double[] TrainOnBatch(IReadOnlyList<SampleData> x, IReadOnlyList<SampleData> y, float[]? sampleWeight = null)
    {
        var data = TrainingData.Create(this, x, y, sampleWeight, classWeight: null);
        var step = data.BatchFeeds(Enumerable.Range(0, data.Count).ToArray(), phase: 1);
        var result = RunStep(Setup.Train, step, commitIfFinite: true);
        return result.Values;
    }

    /// <summary>Loss and metrics on one batch at inference phase (no update).</summary>
    public double[] TestOnBatch(SampleData x, SampleData y, float[]? sampleWeight = null)
    {
        var data = TrainingData.Create(this, [x], [y], sampleWeight, classWeight: null);
        return RunStep(Setup.Test, data.BatchFeeds(Enumerable.Range(0, data.Count).ToArray(), phase: 0), commitIfFinite: false).Values;
    }

    /// <summary>
    /// The first output for one batch at inference phase. The batch is fed as it is (no copy into a sample array, no
    /// batching), so this is the low-latency path for serving.
    /// </summary>
    /// <exception cref="ArgumentException">the batch does not fit the model's input (dtype, rank or known dims).</exception>
    public TensorBuffer PredictOnBatch(FeedValue x)
    {
        var setup = Setup;
        if (Inputs.Count != 1)
            throw new ArgumentException($"Model {Name} has {Inputs.Count} inputs; PredictOnBatch takes one batch for a single-input model (use PredictAll).");
        var result = setup.DynamicPhase ? setup.Predict.Call(x, 0) : setup.Predict.Call(x);
        return result.Buffer(0);
    }

    /// <summary>Keras's <c>evaluate</c>: loss and metrics averaged over all samples (batches weighted by size), at phase 0.</summary>
    public double[] Evaluate(SampleData x, SampleData y, int batchSize = 32, int verbose = 0, float[]? sampleWeight = null) =>
        Evaluate([x], [y], batchSize, verbose, sampleWeight);

    /// <summary>Evaluate for a multi-input/-output model.</summary>
    public double[] Evaluate(IReadOnlyList<SampleData> x, IReadOnlyList<SampleData> y, int batchSize = 32, int verbose = 0, float[]? sampleWeight = null)
    {
        var data = TrainingData.Create(this, x, y, sampleWeight, classWeight: null);
        return TrainingLoop.Evaluate(this, data, batchSize, verbose);
    }

    /// <summary>Keras's <c>predict</c> for a single-output model: outputs for every sample, computed in batches at phase 0.</summary>
    public Tensor<float> Predict(SampleData x, int batchSize = 32)
    {
        var output = PredictAll([x], batchSize)[0];
        if (output.DType != DType.Float32) throw new InvalidOperationException($"Model {Name}'s output is {output.DType.Name()}; use PredictAll.");
        var lengths = output.Dims.Select(d => (nint)d).ToArray();
        return Tensor.Create((float[])output.Data, lengths);
    }

    /// <summary>Outputs of every output for every sample, computed in batches at phase 0.</summary>
    public TensorBuffer[] PredictAll(IReadOnlyList<SampleData> x, int batchSize = 32) => TrainingLoop.Predict(this, x, batchSize);

    /// <summary>
    /// Keras's <c>fit</c> (phase 1): epochs of shuffled mini-batches, a progress bar (<paramref name="verbose"/> 0/1/2),
    /// validation at the end of each epoch (phase 0), callbacks; returns the <see cref="History"/>.
    /// </summary>
    public History Fit(SampleData x, SampleData y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IReadOnlyList<Callback>? callbacks = null, double validationSplit = 0, (SampleData X, SampleData Y)? validationData = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? classWeight = null, float[]? sampleWeight = null,
        int initialEpoch = 0, int? stepsPerEpoch = null) =>
        Fit([x], [y], batchSize, epochs, verbose, callbacks, validationSplit,
            validationData is { } v ? ([v.X], [v.Y]) : null, shuffle, classWeight, sampleWeight, initialEpoch, stepsPerEpoch);

    /// <summary>Fit for a multi-input/-output model.</summary>
    public History Fit(IReadOnlyList<SampleData> x, IReadOnlyList<SampleData> y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IReadOnlyList<Callback>? callbacks = null, double validationSplit = 0,
        (IReadOnlyList<SampleData> X, IReadOnlyList<SampleData> Y)? validationData = null, bool shuffle = true,
        IReadOnlyDictionary<int, double>? classWeight = null, float[]? sampleWeight = null, int initialEpoch = 0, int? stepsPerEpoch = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize must be >= 1, got {batchSize}.");
        if (validationSplit is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(validationSplit), $"validationSplit must be in [0, 1), got {validationSplit}.");
        var data = TrainingData.Create(this, x, y, sampleWeight, classWeight);
        TrainingData? validation = null;
        if (validationData is { } v) validation = TrainingData.Create(this, v.X, v.Y, null, null);
        else if (validationSplit > 0) (data, validation) = data.SplitTail(validationSplit);
        return TrainingLoop.Fit(this, data, validation, batchSize, epochs, verbose, callbacks ?? [], shuffle, initialEpoch, stepsPerEpoch);
    }

    /// <summary>Keras's <c>fit_generator</c>: each epoch draws <paramref name="stepsPerEpoch"/> batches from <paramref name="batches"/>.</summary>
    public History FitBatches(IEnumerable<(SampleData X, SampleData Y)> batches, int stepsPerEpoch, int epochs = 1, int verbose = 1,
        IReadOnlyList<Callback>? callbacks = null, (SampleData X, SampleData Y)? validationData = null, int initialEpoch = 0)
    {
        var validation = validationData is { } v ? TrainingData.Create(this, [v.X], [v.Y], null, null) : null;
        return TrainingLoop.FitBatches(this, batches, stepsPerEpoch, epochs, verbose, callbacks ?? [], validation, initialEpoch);
    }

    internal StepResult RunStep(Function function, FeedValue[] feeds, bool commitIfFinite)
    {
        var options = commitIfFinite ? FiniteLossOnly : null;
        var result = function.Call(options, feeds);
        var values = new double[result.Count];
        for (int i = 0; i < values.Length; i++) values[i] = result.Scalar<float>(i);
        return new StepResult(values);
    }

    // A step whose loss is NaN or infinite is not committed: the weights stay as they were before it.
    private static readonly RunOptions FiniteLossOnly = new(CommitIf: r => float.IsFinite(r.Scalar<float>(0)));
}

/// <summary>Loss and metric values of one step.</summary>
internal readonly record struct StepResult(double[] Values);
