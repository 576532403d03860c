using Graph.Core;
using Graph.Ops;

namespace Graph.Runtime.Training.Optimizers;

/// <summary>RMSprop (lr 0.001, rho 0.9): <c>a = ρ·a + (1−ρ)·g²</c>; <c>p −= lr·g / (sqrt(a) + ε)</c>.</summary>
public sealed class RmsProp(double learningRate = 0.001, double rho = 0.9, double? epsilon = null, double decay = 0,
    double? clipNorm = null, double? clipValue = null) : Optimizer(learningRate, decay, clipNorm, clipValue)
{
    /// <summary>Decay of the squared-gradient average.</summary>
    public double Rho { get; } = rho;

    /// <summary>Fuzz factor.</summary>
    public double Epsilon { get; } = DefaultEpsilon(epsilon);

    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    protected override IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain)
    {
        var a = Slot(p, "accumulator");
        var newA = G.Add(G.Mul(a, Rho), G.Mul(G.Square(g), 1 - Rho));
        var newP = G.Sub(p, G.Div(G.Mul(g, lr), G.Add(G.Sqrt(newA), Epsilon)));
        return [G.Assign(a, newA), G.Assign(p, constrain(newP))];
    }
}

/// <summary>Adagrad (lr 0.01): <c>a += g²</c>; <c>p −= lr·g / (sqrt(a) + ε)</c>.</summary>
public sealed class Adagrad(double learningRate = 0.01, double? epsilon = null, double decay = 0,
    double? clipNorm = null, double? clipValue = null) : Optimizer(learningRate, decay, clipNorm, clipValue)
{
    /// <summary>Fuzz factor.</summary>
    public double Epsilon { get; } = DefaultEpsilon(epsilon);

    /// <inheritdoc/>
    public override string Name => "adagrad";

    /// <inheritdoc/>
    protected override IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain)
    {
        var a = Slot(p, "accumulator");
        var newA = G.Add(a, G.Square(g));
        var newP = G.Sub(p, G.Div(G.Mul(g, lr), G.Add(G.Sqrt(newA), Epsilon)));
        return [G.Assign(a, newA), G.Assign(p, constrain(newP))];
    }
}

/// <summary>
/// Adadelta (lr 1.0, rho 0.95): <c>a = ρ·a + (1−ρ)·g²</c>; <c>u = g·sqrt(d + ε)/sqrt(a + ε)</c>; <c>p −= lr·u</c>;
/// <c>d = ρ·d + (1−ρ)·u²</c>.
/// </summary>
public sealed class Adadelta(double learningRate = 1.0, double rho = 0.95, double? epsilon = null, double decay = 0,
    double? clipNorm = null, double? clipValue = null) : Optimizer(learningRate, decay, clipNorm, clipValue)
{
    /// <summary>Decay of both running averages.</summary>
    public double Rho { get; } = rho;

    /// <summary>Fuzz factor.</summary>
    public double Epsilon { get; } = DefaultEpsilon(epsilon);

    /// <inheritdoc/>
    public override string Name => "adadelta";

    /// <inheritdoc/>
    protected override IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain)
    {
        var a = Slot(p, "accumulator");
        var d = Slot(p, "delta_accumulator");
        var newA = G.Add(G.Mul(a, Rho), G.Mul(G.Square(g), 1 - Rho));
        var update = G.Div(G.Mul(g, G.Sqrt(G.Add(d, Epsilon))), G.Sqrt(G.Add(newA, Epsilon)));
        var newP = G.Sub(p, G.Mul(update, lr));
        var newD = G.Add(G.Mul(d, Rho), G.Mul(G.Square(update), 1 - Rho));
        return [G.Assign(a, newA), G.Assign(p, constrain(newP)), G.Assign(d, newD)];
    }
}
