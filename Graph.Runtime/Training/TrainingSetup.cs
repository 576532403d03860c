using Graph.Core;
using Graph.Ops;
using Graph.Ops.Layers;
using Graph.Runtime.Training.Optimizers;

namespace Graph.Runtime.Training;

/// <summary>
/// What <c>Model.Compile</c> builds once: target and sample-weight placeholders per output, the total loss
/// (weighted per-output losses + regularization losses), the metric values, the snapshot of trainable weights,
/// and the train / test / predict functions. The learning phase is an input of those functions only when the
/// model's graph uses it (a dynamic phase): Fit feeds 1, Evaluate and Predict feed 0.
/// </summary>
internal sealed class TrainingSetup
{
    public required Optimizer Optimizer { get; init; }
    public required Loss[] Losses { get; init; }
    public required Node[] Targets { get; init; }
    public required Node[] SampleWeights { get; init; }
    public required string[] MetricsNames { get; init; }
    /// <summary>The metric identifiers given to Compile (saved with the model).</summary>
    public required string[] MetricIds { get; init; }
    /// <summary>The loss weights given to Compile, or null (saved with the model).</summary>
    public required double[]? LossWeights { get; init; }
    public required IReadOnlyList<Node> CollectedTrainableWeights { get; init; }
    public required bool DynamicPhase { get; init; }
    public required Function Train { get; init; }
    public required Function Test { get; init; }
    public required Function Predict { get; init; }

    /// <summary>Builds everything for <paramref name="model"/>.</summary>
    public static TrainingSetup Build(Model model, Optimizer optimizer, IReadOnlyList<Loss> losses, IReadOnlyList<string> metrics,
        IReadOnlyList<double>? lossWeights)
    {
        var outputs = model.Outputs;
        if (outputs.Count == 0) throw new InvalidOperationException($"Model {model.Name} has no outputs yet; build it (call it on an input or give the first layer an input shape) before Compile.");
        if (losses.Count != outputs.Count)
            throw new ArgumentException($"Model {model.Name} has {outputs.Count} outputs; {losses.Count} losses were given.");
        if (lossWeights is not null && lossWeights.Count != outputs.Count)
            throw new ArgumentException($"Model {model.Name} has {outputs.Count} outputs; {lossWeights.Count} loss weights were given.");
        var graph = outputs[0].Graph;
        using var scope = graph.AsDefault();

        var targets = new Node[outputs.Count];
        var weights = new Node[outputs.Count];
        var names = new List<string> { "loss" };
        var fetches = new List<Node>();
        Node? total = null;
        var perOutputLosses = new List<Node>();
        var metricValues = new List<Node>();
        for (int i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            string prefix = outputs.Count > 1 ? OutputName(model, i) + "_" : "";
            targets[i] = K.Placeholder(TargetShape(output, losses[i]), DType.Float32, name: prefix + "target");
            weights[i] = K.Placeholder(new Shape([null]), DType.Float32, name: prefix + "sample_weights");
            var outputLoss = WeightedMean(losses[i].Call(targets[i], output), weights[i]);
            perOutputLosses.Add(outputLoss);
            var weighted = lossWeights is null ? outputLoss : G.Mul(outputLoss, lossWeights[i]);
            total = total is null ? weighted : G.Add(total, weighted);
            foreach (var metricName in metrics)
            {
                var metric = Metrics.Resolve(metricName, losses[i].Name, output);
                metricValues.Add(G.Mean(metric.PerSample(targets[i], output)));
                names.Add(prefix + metric.Name);
            }
        }
        if (outputs.Count > 1)
            for (int i = 0; i < outputs.Count; i++) names.Insert(1 + i, OutputName(model, i) + "_loss");
        foreach (var regularization in model.Losses) total = G.Add(total!, G.Sum(regularization));
        fetches.Add(total!);
        if (outputs.Count > 1) fetches.AddRange(perOutputLosses);
        fetches.AddRange(metricValues);

        var collected = model.TrainableWeights.ToArray();
        var constraints = model.Constraints.ToDictionary(c => c.Variable, c => (Func<Node, Node>)c.Constraint.Apply);
        var updates = collected.Length == 0 ? [] : optimizer.GetUpdates(total!, collected, constraints);
        var allUpdates = updates.Concat(model.Updates).ToArray();

        bool dynamic = graph.StaticLearningPhase is null &&
            (fetches.Any(f => f.UsesLearningPhase) || outputs.Any(o => o.UsesLearningPhase) || allUpdates.Any(u => u.UsesLearningPhase));
        var phase = dynamic ? new[] { graph.LearningPhase } : [];
        var stateUpdates = StateUpdates(model.Layers).Distinct().ToArray();
        Node[] feeds = [.. model.Inputs, .. targets, .. weights, .. phase];
        return new TrainingSetup
        {
            Optimizer = optimizer,
            Losses = losses.ToArray(),
            Targets = targets,
            SampleWeights = weights,
            MetricsNames = names.ToArray(),
            MetricIds = metrics.ToArray(),
            LossWeights = lossWeights?.ToArray(),
            CollectedTrainableWeights = collected,
            DynamicPhase = dynamic,
            Train = K.Function(feeds, fetches, allUpdates),
            Test = K.Function(feeds, fetches, stateUpdates),
            Predict = K.Function([.. model.Inputs, .. phase], model.Outputs, stateUpdates),
        };
    }

    /// <summary>
    /// Keras's weighted objective: per-sample scores averaged over extra axes, times the sample weights, divided by
    /// the fraction of non-zero weights, then averaged over the batch.
    /// </summary>
    private static Node WeightedMean(Node score, Node weights)
    {
        if (score.Shape.Rank > 1) score = G.Mean(score, Enumerable.Range(1, score.Shape.Rank - 1).ToArray());
        var weighted = G.Mul(score, weights);
        var nonZero = G.Mean(G.Cast(G.NotEqual(weights, 0.0), DType.Float32));
        return G.Mean(G.Div(weighted, nonZero));
    }

    /// <summary>
    /// Updates of stateful recurrent layers (also in nested models): Keras runs them in every model function, so a
    /// stateful model carries its states through Predict and Evaluate as well as Fit.
    /// </summary>
    private static IEnumerable<Node> StateUpdates(IEnumerable<Layer> layers) => layers.SelectMany(layer => layer switch
    {
        RNN { Stateful: true } rnn => rnn.Updates,
        Network network => StateUpdates(network.Layers),
        _ => [],
    });

    /// <summary>The target placeholder's shape: the output's (batch unknown), with a last axis of 1 for sparse labels.</summary>
    private static Shape TargetShape(Node output, Loss loss)
    {
        var dims = output.Shape.Dims;
        dims[0] = null;
        if (loss.Name == "sparse_categorical_crossentropy") dims[^1] = 1;
        return new Shape(dims);
    }

    private static string OutputName(Model model, int index) =>
        Graph.Ops.Layers.KerasHistory.LayerOf(model.Outputs[index])?.Name ?? $"output_{index + 1}";
}
