using Graph.Core;
using Graph.Ops;

namespace Graph.Runtime.Training.Optimizers;

/// <summary>
/// Adam (lr 0.001, β1 0.9, β2 0.999): <c>lr_t = lr·sqrt(1−β2ᵗ)/(1−β1ᵗ)</c>; <c>m = β1·m + (1−β1)·g</c>;
/// <c>v = β2·v + (1−β2)·g²</c>; AMSGrad keeps <c>v̂ = max(v̂, v)</c>; <c>p −= lr_t·m / (sqrt(v or v̂) + ε)</c> — ε is
/// added to the raw sqrt(v), as Keras 2 does (PyTorch adds it to the bias-corrected one).
/// </summary>
public sealed class Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double? epsilon = null,
    double decay = 0, bool amsgrad = false, double? clipNorm = null, double? clipValue = null)
    : Optimizer(learningRate, decay, clipNorm, clipValue)
{
    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>Fuzz factor.</summary>
    public double Epsilon { get; } = DefaultEpsilon(epsilon);

    /// <summary>The AMSGrad variant.</summary>
    public bool Amsgrad { get; } = amsgrad;

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    protected override IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain)
    {
        var lrT = G.Div(G.Mul(lr, G.Sqrt(G.Sub(G.ScalarLike(t, 1), PowConst(Beta2, t)))), G.Sub(G.ScalarLike(t, 1), PowConst(Beta1, t)));
        var m = Slot(p, "m");
        var v = Slot(p, "v");
        var newM = G.MovingAverage(m, g, Beta1);
        var newV = G.MovingAverage(v, g, Beta2, square: true);
        var updates = new List<Node> { G.Assign(m, newM), G.Assign(v, newV) };
        var denominatorSource = newV;
        if (Amsgrad)
        {
            var vHat = Slot(p, "vhat");
            denominatorSource = G.Maximum(vHat, newV);
            updates.Add(G.Assign(vHat, denominatorSource));
        }
        var newP = G.AdamStep(p, newM, denominatorSource, lrT, Epsilon);
        updates.Add(G.Assign(p, constrain(newP)));
        return updates;
    }
}

/// <summary>
/// Adamax (lr 0.002, β1 0.9, β2 0.999): <c>lr_t = lr/(1−β1ᵗ)</c>; <c>m = β1·m + (1−β1)·g</c>;
/// <c>u = max(β2·u, |g|)</c>; <c>p −= lr_t·m/(u + ε)</c>.
/// </summary>
public sealed class Adamax(double learningRate = 0.002, double beta1 = 0.9, double beta2 = 0.999, double? epsilon = null,
    double decay = 0, double? clipNorm = null, double? clipValue = null) : Optimizer(learningRate, decay, clipNorm, clipValue)
{
    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>Infinity-norm decay.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>Fuzz factor.</summary>
    public double Epsilon { get; } = DefaultEpsilon(epsilon);

    /// <inheritdoc/>
    public override string Name => "adamax";

    /// <inheritdoc/>
    protected override IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain)
    {
        var lrT = G.Div(lr, G.Sub(G.ScalarLike(t, 1), PowConst(Beta1, t)));
        var m = Slot(p, "m");
        var u = Slot(p, "u");
        var newM = G.Add(G.Mul(m, Beta1), G.Mul(g, 1 - Beta1));
        var newU = G.Maximum(G.Mul(u, Beta2), G.Abs(g));
        var newP = G.Sub(p, G.Div(G.Mul(newM, lrT), G.Add(newU, Epsilon)));
        return [G.Assign(m, newM), G.Assign(u, newU), G.Assign(p, constrain(newP))];
    }
}
