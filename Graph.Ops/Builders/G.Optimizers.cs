using Graph.Core;
using Graph.Ops.Optimizers;

namespace Graph.Ops;

public static partial class G
{
    /// <summary><c>β·s + (1 − β)·g</c> (or <c>·g²</c> with <paramref name="square"/>) in one pass.</summary>
    public static Node MovingAverage(Node slot, Node gradient, double beta, bool square = false) =>
        Apply(new MovingAverageOp(beta, square), slot, gradient);

    /// <summary>Adam's step <c>p − lr_t·m / (sqrt(v) + ε)</c> in one pass (lr_t a scalar of p's dtype).</summary>
    public static Node AdamStep(Node p, Node m, Node v, Node learningRate, double epsilon) =>
        Apply(new AdamStepOp(epsilon), p, m, v, learningRate);
}
