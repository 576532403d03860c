using Graph.Core;
using Graph.Ops.NeuralNet;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>Stable softmax along <paramref name="axis"/>.</summary>
    public static Node Softmax(Node x, int axis = -1) => Apply(new SoftmaxOp(axis), x);

    /// <summary>Stable log-softmax along <paramref name="axis"/>.</summary>
    public static Node LogSoftmax(Node x, int axis = -1) => Apply(new LogSoftmaxOp(axis), x);

    /// <summary>
    /// TF's <c>softmax_cross_entropy_with_logits</c>: per row <c>−Σ labels·log_softmax(logits)</c> over the last
    /// axis (result: the logits' shape without it). Composed from the stable log-softmax, so extreme logits stay
    /// finite; ∂/∂logits = g·(softmax·Σlabels − labels) (softmax − labels for labels that sum to 1, TF's form) and
    /// ∂/∂labels = −g·log_softmax(logits), as TF.
    /// </summary>
    /// <exception cref="GraphException">labels and logits differ in dtype or shape, or logits are a scalar.</exception>
    public static Node SoftmaxCrossEntropyWithLogits(Node labels, Node logits)
    {
        RequireLabelsLikeLogits("SoftmaxCrossEntropyWithLogits", labels, logits, needsAxis: true);
        return Neg(Sum(Mul(labels, LogSoftmax(logits)), [-1]));
    }

    /// <summary>
    /// TF's <c>sparse_softmax_cross_entropy_with_logits</c>: per row <c>−log_softmax(logits)[label]</c>; labels are
    /// int32/int64 class indices shaped like the logits without the last axis. ∂/∂logits = g·(softmax − onehot);
    /// labels get no gradient. A label outside [0, classes) fails when the graph runs.
    /// </summary>
    /// <exception cref="GraphException">labels are not integers or not shaped like the logits without the last axis.</exception>
    public static Node SparseSoftmaxCrossEntropyWithLogits(Node labels, Node logits)
    {
        const string op = "SparseSoftmaxCrossEntropyWithLogits";
        if (!labels.DType.IsInteger() || !logits.DType.IsFloating() || logits.Shape.Rank != labels.Shape.Rank + 1)
            throw new GraphException($"{op}: input 0 (labels) must be int32/int64 shaped like input 1 (logits) without its last axis; got labels {labels.Type} and logits {logits.Type}.");
        for (int i = 0; i < labels.Shape.Rank; i++)
            if (labels.Shape[i] is { } a && logits.Shape[i] is { } b && a != b)
                throw new GraphException($"{op}: input 0 (labels) of shape {labels.Shape} does not match input 1 (logits) of shape {logits.Shape} without its last axis.");
        var oneHot = Apply(new LabelsOneHotOp(), labels, logits);
        return Neg(Sum(Mul(oneHot, LogSoftmax(logits)), [-1]));
    }

    /// <summary>
    /// TF's <c>sigmoid_cross_entropy_with_logits</c>, elementwise and stable: <c>max(x, 0) − x·z + log(1 + e^−|x|)</c>
    /// with x the logits and z the labels; ∂/∂x = σ(x) − z, ∂/∂z = −x.
    /// </summary>
    /// <exception cref="GraphException">labels and logits differ in dtype or shape.</exception>
    public static Node SigmoidCrossEntropyWithLogits(Node labels, Node logits)
    {
        RequireLabelsLikeLogits("SigmoidCrossEntropyWithLogits", labels, logits, needsAxis: false);
        return Add(Sub(Maximum(logits, 0), Mul(logits, labels)), Log1p(Exp(Neg(Abs(logits)))));
    }

    /// <summary>Adds a rank-1 <paramref name="bias"/> along the last axis of <paramref name="x"/> (TF/Keras <c>bias_add</c>).</summary>
    /// <exception cref="GraphException">bias is not rank 1, its size is not x's last dimension, or the dtypes differ.</exception>
    public static Node BiasAdd(Node x, Node bias)
    {
        bool fits = bias.Shape.Rank == 1 && x.Shape.Rank >= 1 && x.DType == bias.DType
            && (bias.Shape[0] is not { } b || x.Shape[-1] is not { } d || b == d);
        if (!fits)
            throw new GraphException($"BiasAdd: input 1 (bias) {bias.Type} must be rank 1 of input 0's last dimension and dtype; input 0 is {x.Type}.");
        return Add(x, bias);
    }

    /// <summary>
    /// TF's <c>l2_normalize</c>: <c>x / √max(Σx², ε)</c> over <paramref name="axes"/> (null = all), so an all-zero
    /// slice stays zero instead of dividing by zero.
    /// </summary>
    public static Node L2Normalize(Node x, int[]? axes = null, double epsilon = 1e-12) =>
        Mul(x, Rsqrt(Maximum(Sum(Square(x), axes, keepDims: true), epsilon)));

    private static void RequireLabelsLikeLogits(string op, Node labels, Node logits, bool needsAxis)
    {
        bool fits = labels.DType == logits.DType && logits.DType.IsFloating() && labels.Shape.Rank == logits.Shape.Rank
            && (!needsAxis || logits.Shape.Rank >= 1);
        for (int i = 0; fits && i < logits.Shape.Rank; i++)
            fits = labels.Shape[i] is not { } a || logits.Shape[i] is not { } b || a == b;
        if (!fits)
            throw new GraphException($"{op}: input 0 (labels) is {labels.Type} and input 1 (logits) is {logits.Type}; they must be floats of the same dtype and shape{(needsAxis ? " with at least one axis" : "")}.");
    }
}
