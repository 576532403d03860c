using Graph.Core;
using Graph.Ops;

namespace Graph.Runtime.Training;

/// <summary>A metric: per-sample values averaged over the samples of an epoch.</summary>
public sealed record Metric(string Name, Func<Node, Node, Node> PerSample);

/// <summary>
/// The Keras 2 metrics by identifier, in one explicit table; <c>accuracy</c>/<c>acc</c> resolves from the loss and
/// output shape as Keras does, and any loss name is a metric too.
/// </summary>
public static class Metrics
{
    /// <summary>
    /// The metric for <paramref name="name"/> given the model's loss and output: <c>acc</c> becomes binary accuracy for
    /// binary_crossentropy or a last dimension of 1, sparse categorical accuracy for sparse_categorical_crossentropy,
    /// else categorical accuracy (reported under the name the user gave).
    /// </summary>
    public static Metric Resolve(string name, string? lossName, Node output)
    {
        if (name is "accuracy" or "acc")
        {
            Func<Node, Node, Node> f = lossName == "binary_crossentropy" || output.Shape.Rank > 0 && output.Shape[-1] == 1
                ? BinaryAccuracy
                : lossName == "sparse_categorical_crossentropy" ? SparseCategoricalAccuracy : CategoricalAccuracy;
            return new Metric("acc", f); // Keras 2.2.4 reports both spellings as "acc"
        }
        return name switch
        {
            "binary_accuracy" => new(name, BinaryAccuracy),
            "categorical_accuracy" => new(name, CategoricalAccuracy),
            "sparse_categorical_accuracy" => new(name, SparseCategoricalAccuracy),
            "top_k_categorical_accuracy" => new(name, (y, p) => TopKCategoricalAccuracy(y, p, 5)),
            "sparse_top_k_categorical_accuracy" => new(name, (y, p) => SparseTopKCategoricalAccuracy(y, p, 5)),
            _ => new(name, Losses.Get(name).PerSample),
        };
    }

    /// <summary><c>mean(round(ŷ) == y, −1)</c> (threshold 0.5).</summary>
    public static Node BinaryAccuracy(Node y, Node yHat) =>
        G.Mean(G.Cast(G.Equal(y, G.Round(yHat)), yHat.DType), [-1]);

    /// <summary><c>argmax(ŷ) == argmax(y)</c>.</summary>
    public static Node CategoricalAccuracy(Node y, Node yHat) =>
        G.Cast(G.Equal(G.ArgMax(y, -1), G.ArgMax(yHat, -1)), yHat.DType);

    /// <summary><c>argmax(ŷ) == y</c> for integer labels (shape of ŷ without the last axis, or with a last axis of 1).</summary>
    public static Node SparseCategoricalAccuracy(Node y, Node yHat)
    {
        var labels = y.Shape.Rank == yHat.Shape.Rank ? G.Squeeze(y, -1) : y;
        return G.Cast(G.Equal(G.Cast(labels, DType.Int64), G.ArgMax(yHat, -1)), yHat.DType);
    }

    /// <summary>1 when the true class (argmax of y) is among the k highest scores: fewer than k scores exceed it.</summary>
    public static Node TopKCategoricalAccuracy(Node y, Node yHat, int k) => InTopK(G.Sum(G.Mul(y, yHat), [-1], keepDims: true), yHat, k);

    /// <summary>As <see cref="TopKCategoricalAccuracy"/> with integer labels.</summary>
    public static Node SparseTopKCategoricalAccuracy(Node y, Node yHat, int k)
    {
        var labels = y.Shape.Rank == yHat.Shape.Rank ? G.Squeeze(y, -1) : y;
        var oneHot = G.OneHot(G.Cast(labels, DType.Int32), yHat.Shape[-1] ?? throw new ArgumentException("top-k needs a known number of classes."), dtype: yHat.DType);
        return InTopK(G.Sum(G.Mul(oneHot, yHat), [-1], keepDims: true), yHat, k);
    }

    private static Node InTopK(Node trueScore, Node yHat, int k)
    {
        var above = G.Sum(G.Cast(G.Greater(yHat, trueScore), yHat.DType), [-1]);
        return G.Cast(G.Less(above, (double)k), yHat.DType);
    }
}
