using Graph.Core;
using Graph.Ops;

namespace Graph.Runtime.Training;

/// <summary>A Keras loss: per-sample values (the last axis reduced) from targets and predictions.</summary>
public sealed record Loss(string Name, Func<Node, Node, Node> PerSample)
{
    /// <summary>Applies the loss: <c>loss(y_true, y_pred)</c>.</summary>
    public Node Call(Node yTrue, Node yPred) => PerSample(yTrue, yPred);
}

/// <summary>
/// The Keras 2 losses (KERAS_SEMANTICS §10), by identifier and alias, in one explicit table. Each returns the
/// per-sample loss (mean over the last axis unless said); the model weights and averages it over the batch.
/// </summary>
public static class Losses
{
    private const double Eps = 1e-7;

    private static readonly Dictionary<string, Loss> Table = Build();

    /// <summary>The loss named <paramref name="name"/> (e.g. <c>mse</c>, <c>categorical_crossentropy</c>).</summary>
    /// <exception cref="ArgumentException">unknown name (the message lists the known ones).</exception>
    public static Loss Get(string name) => Table.TryGetValue(name, out var loss)
        ? loss
        : throw new ArgumentException($"Unknown loss '{name}'. Known: {string.Join(", ", Table.Keys.Order())}.", nameof(name));

    /// <summary>Known identifiers and aliases.</summary>
    public static IEnumerable<string> Names => Table.Keys;

    private static Dictionary<string, Loss> Build()
    {
        var table = new Dictionary<string, Loss>(StringComparer.Ordinal);
        void Add(Func<Node, Node, Node> f, params string[] names)
        {
            foreach (var n in names) table[n] = new Loss(names[0], f);
        }
        Add(MeanSquaredError, "mean_squared_error", "mse", "MSE");
        Add(MeanAbsoluteError, "mean_absolute_error", "mae", "MAE");
        Add(MeanAbsolutePercentageError, "mean_absolute_percentage_error", "mape", "MAPE");
        Add(MeanSquaredLogarithmicError, "mean_squared_logarithmic_error", "msle", "MSLE");
        Add(Hinge, "hinge");
        Add(SquaredHinge, "squared_hinge");
        Add(CategoricalHinge, "categorical_hinge");
        Add(LogCosh, "logcosh");
        Add(CategoricalCrossentropy, "categorical_crossentropy");
        Add(SparseCategoricalCrossentropy, "sparse_categorical_crossentropy");
        Add(BinaryCrossentropy, "binary_crossentropy");
        Add(KullbackLeiblerDivergence, "kullback_leibler_divergence", "kld", "KLD");
        Add(Poisson, "poisson");
        Add(CosineProximity, "cosine_proximity", "cosine");
        return table;
    }

    /// <summary><c>mean((ŷ−y)², −1)</c>.</summary>
    public static Node MeanSquaredError(Node y, Node yHat) => G.Mean(G.Square(G.Sub(yHat, y)), [-1]);

    /// <summary><c>mean(|ŷ−y|, −1)</c>.</summary>
    public static Node MeanAbsoluteError(Node y, Node yHat) => G.Mean(G.Abs(G.Sub(yHat, y)), [-1]);

    /// <summary><c>100·mean(|(y−ŷ)/clip(|y|, ε, ∞)|, −1)</c>.</summary>
    public static Node MeanAbsolutePercentageError(Node y, Node yHat) =>
        G.Mul(G.Mean(G.Abs(G.Div(G.Sub(y, yHat), G.Maximum(G.Abs(y), Eps))), [-1]), 100.0);

    /// <summary><c>mean((log(clip(ŷ,ε,∞)+1) − log(clip(y,ε,∞)+1))², −1)</c>.</summary>
    public static Node MeanSquaredLogarithmicError(Node y, Node yHat) =>
        G.Mean(G.Square(G.Sub(G.Log(G.Add(G.Maximum(yHat, Eps), 1.0)), G.Log(G.Add(G.Maximum(y, Eps), 1.0)))), [-1]);

    /// <summary><c>mean(max(1 − y·ŷ, 0), −1)</c>.</summary>
    public static Node Hinge(Node y, Node yHat) => G.Mean(G.Maximum(G.Sub(G.ScalarLike(y, 1), G.Mul(y, yHat)), 0.0), [-1]);

    /// <summary><c>mean(max(1 − y·ŷ, 0)², −1)</c>.</summary>
    public static Node SquaredHinge(Node y, Node yHat) =>
        G.Mean(G.Square(G.Maximum(G.Sub(G.ScalarLike(y, 1), G.Mul(y, yHat)), 0.0)), [-1]);

    /// <summary><c>max(0, max((1−y)·ŷ) − Σ y·ŷ + 1)</c>.</summary>
    public static Node CategoricalHinge(Node y, Node yHat)
    {
        var pos = G.Sum(G.Mul(y, yHat), [-1]);
        var neg = G.Max(G.Mul(G.Sub(G.ScalarLike(y, 1), y), yHat), [-1]);
        return G.Maximum(G.Add(G.Sub(neg, pos), 1.0), 0.0);
    }

    /// <summary><c>mean(x + softplus(−2x) − log 2, −1)</c> with <c>x = ŷ − y</c> (stable log(cosh x)).</summary>
    public static Node LogCosh(Node y, Node yHat)
    {
        var x = G.Sub(yHat, y);
        return G.Mean(G.Add(G.Add(x, G.Softplus(G.Mul(x, -2.0))), -Math.Log(2)), [-1]);
    }

    /// <summary>Probabilities: <c>ŷ /= Σŷ</c>, clip to [ε, 1−ε], <c>−Σ y·log ŷ</c>.</summary>
    public static Node CategoricalCrossentropy(Node y, Node yHat)
    {
        var normalized = G.Div(yHat, G.Sum(yHat, [-1], keepDims: true));
        return G.Neg(G.Sum(G.Mul(y, G.Log(G.Clip(normalized, Eps, 1 - Eps))), [-1]));
    }

    /// <summary>
    /// Integer labels (any numeric dtype, shape = ŷ's without the last axis, or with a last axis of 1):
    /// <c>log(clip(ŷ, ε, 1−ε))</c> used as logits of a sparse softmax cross-entropy (Keras 2's TF backend).
    /// </summary>
    public static Node SparseCategoricalCrossentropy(Node y, Node yHat)
    {
        var labels = y.Shape.Rank == yHat.Shape.Rank ? G.Squeeze(y, -1) : y;
        labels = G.Cast(labels, DType.Int64);
        return G.SparseSoftmaxCrossEntropyWithLogits(labels, G.Log(G.Clip(yHat, Eps, 1 - Eps)));
    }

    /// <summary>Clip ŷ to [ε, 1−ε], logits <c>log(ŷ/(1−ŷ))</c>, stable sigmoid cross-entropy, mean over the last axis.</summary>
    public static Node BinaryCrossentropy(Node y, Node yHat)
    {
        var p = G.Clip(yHat, Eps, 1 - Eps);
        var logits = G.Log(G.Div(p, G.Sub(G.ScalarLike(p, 1), p)));
        return G.Mean(G.SigmoidCrossEntropyWithLogits(y, logits), [-1]);
    }

    /// <summary><c>Σ clip(y,ε,1)·log(clip(y,ε,1)/clip(ŷ,ε,1))</c>.</summary>
    public static Node KullbackLeiblerDivergence(Node y, Node yHat)
    {
        var yc = G.Clip(y, Eps, 1);
        return G.Sum(G.Mul(yc, G.Log(G.Div(yc, G.Clip(yHat, Eps, 1)))), [-1]);
    }

    /// <summary><c>mean(ŷ − y·log(ŷ + ε), −1)</c>.</summary>
    public static Node Poisson(Node y, Node yHat) => G.Mean(G.Sub(yHat, G.Mul(y, G.Log(G.Add(yHat, Eps)))), [-1]);

    /// <summary><c>−Σ l2_normalize(y)·l2_normalize(ŷ)</c> over the last axis.</summary>
    public static Node CosineProximity(Node y, Node yHat) =>
        G.Neg(G.Sum(G.Mul(G.L2Normalize(y, [-1]), G.L2Normalize(yHat, [-1])), [-1]));
}
