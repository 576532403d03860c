using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops.Random;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>
    /// Resolves a <c>training</c> argument with our priority: the explicit argument, else the enclosing layer
    /// call's value, else <c>SetLearningPhase</c>/<c>LearningPhaseScope</c>, else the graph's learning-phase node.
    /// A constant bool node counts as static.
    /// </summary>
    public static TrainingArg ResolveTraining(TrainingArg training, ComputationGraph? graph = null)
    {
        graph ??= ComputationGraph.Default;
        if (training.IsAbsent) training = graph.CallTraining;
        if (training.IsAbsent && graph.StaticLearningPhase is { } fixedPhase) training = fixedPhase;
        if (training.IsAbsent) training = graph.LearningPhase;
        if (training.Node?.Op is ConstantOp c) return TrainingArg.Static(c.Value.Span<bool>()[0]);
        return training;
    }

    /// <summary>
    /// Keras <c>in_train_phase(x, alt, training)</c>: x in training, alt otherwise. A static training value returns
    /// the chosen branch itself (the other is never built: no node, no learning-phase use); a node gives a Switch.
    /// </summary>
    public static Node InTrainPhase(Func<Node> x, Func<Node> alt, TrainingArg training = default)
    {
        var resolved = ResolveTraining(training);
        if (resolved.IsStatic) return resolved.StaticValue ? x() : alt();
        return Switch(resolved.Node!, x(), alt());
    }

    /// <summary><see cref="InTrainPhase(Func{Node}, Func{Node}, TrainingArg)"/> with already built branches.</summary>
    public static Node InTrainPhase(Node x, Node alt, TrainingArg training = default) => InTrainPhase(() => x, () => alt, training);

    /// <summary>Keras <c>in_test_phase(x, alt, training)</c> = <c>in_train_phase(alt, x, training)</c>.</summary>
    public static Node InTestPhase(Func<Node> x, Func<Node> alt, TrainingArg training = default) => InTrainPhase(alt, x, training);

    /// <summary><see cref="InTestPhase(Func{Node}, Func{Node}, TrainingArg)"/> with already built branches.</summary>
    public static Node InTestPhase(Node x, Node alt, TrainingArg training = default) => InTrainPhase(() => alt, () => x, training);

    /// <summary>
    /// Uniform draws in [min, max) shaped like <paramref name="like"/> (or <paramref name="noiseShape"/>, whose null
    /// entries take like's dimension). Fresh per run; reproducible given the graph seed and <paramref name="seed"/>.
    /// </summary>
    public static Node RandomUniformLike(Node like, double min = 0, double max = 1, int? seed = null, int?[]? noiseShape = null, DType? dtype = null)
    {
        var graph = like.Graph;
        var op = new RandomUniformOp(dtype ?? like.DType, graph.MixSeed(seed ?? graph.NextOpSeed()), noiseShape ?? [], min, max);
        return graph.AddNode(op, [like], "RandomUniform");
    }

    /// <summary>
    /// Inverted dropout, as TF1's <c>nn.dropout</c> that Keras uses: <c>keep = floor(1 − rate + U[0,1))</c>,
    /// <c>x / (1 − rate) · keep</c> in training, x otherwise. <paramref name="rate"/> must be in [0, 1); 0 is the
    /// identity (no Switch, no learning-phase use).
    /// </summary>
    /// <exception cref="ArgumentException">rate outside [0, 1) (tf.keras's rule).</exception>
    public static Node Dropout(Node x, double rate, int?[]? noiseShape = null, int? seed = null, TrainingArg training = default)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentException($"Invalid value {rate} received for `rate`, expected a value in the range [0, 1).", nameof(rate));
        if (rate == 0) return x;
        return InTrainPhase(() => DroppedBranch(x, rate, noiseShape, seed), () => x, training);
    }

    private static Node DroppedBranch(Node x, double rate, int?[]? noiseShape, int? seed)
    {
        double keep = 1 - rate;
        var keepMask = Floor(Add(RandomUniformLike(x, seed: seed, noiseShape: noiseShape), keep));
        return Mul(Div(x, keep), keepMask);
    }
}
