using Graph.Core;
using Graph.Ops;

namespace Graph.Runtime.Training.Optimizers;

/// <summary>
/// Stochastic gradient descent (Keras defaults lr 0.01, momentum 0): <c>v = momentum·v − lr·g</c>;
/// <c>p += momentum·v − lr·g</c> with Nesterov, else <c>p += v</c>.
/// </summary>
public sealed class Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double decay = 0,
    double? clipNorm = null, double? clipValue = null) : Optimizer(learningRate, decay, clipNorm, clipValue)
{
    /// <summary>Momentum factor.</summary>
    public double Momentum { get; } = momentum >= 0 ? momentum : throw new ArgumentOutOfRangeException(nameof(momentum));

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; } = nesterov;

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    protected override IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain)
    {
        var moment = Slot(p, "momentum");
        var step = G.Mul(g, lr);
        var v = G.Sub(G.Mul(moment, Momentum), step);
        var newP = Nesterov ? G.Sub(G.Add(p, G.Mul(v, Momentum)), step) : G.Add(p, v);
        return [G.Assign(moment, v), G.Assign(p, constrain(newP))];
    }
}
