using Graph.Core;
using Graph.Ops;

namespace Graph.Runtime.Training.Optimizers;

/// <summary>
/// Nadam (lr 0.002, β1 0.9, β2 0.999, schedule_decay 0.004), Keras 2's formulation:
/// <c>μ_t = β1·(1 − 0.5·0.96^(t·sd))</c>, <c>μ_t1 = β1·(1 − 0.5·0.96^((t+1)·sd))</c>; <c>S_new = S·μ_t</c> (kept),
/// <c>S_next = S_new·μ_t1</c>; <c>ĝ = g/(1−S_new)</c>; <c>m = β1·m + (1−β1)·g</c>, <c>m̂ = m/(1−S_next)</c>;
/// <c>v = β2·v + (1−β2)·g²</c>, <c>v̂ = v/(1−β2ᵗ)</c>; <c>m̄ = (1−μ_t)·ĝ + μ_t1·m̂</c>; <c>p −= lr·m̄/(sqrt(v̂) + ε)</c>.
/// </summary>
public sealed class Nadam(double learningRate = 0.002, double beta1 = 0.9, double beta2 = 0.999, double? epsilon = null,
    double scheduleDecay = 0.004, double? clipNorm = null, double? clipValue = null) : Optimizer(learningRate, 0, clipNorm, clipValue)
{
    private Node? _schedule, _scheduleNext, _momentumT, _momentumT1;

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>Fuzz factor.</summary>
    public double Epsilon { get; } = DefaultEpsilon(epsilon);

    /// <summary>Momentum schedule decay.</summary>
    public double ScheduleDecay { get; } = scheduleDecay;

    /// <inheritdoc/>
    public override string Name => "nadam";

    /// <inheritdoc/>
    protected override IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain)
    {
        Node? scheduleUpdate = null;
        if (_schedule is null)
        {
            // The momentum cache S is one scalar shared by all parameters, updated once per step.
            var state = ScalarState(p.Graph, "m_schedule", 1.0);
            var tf = G.Cast(t, DType.Float32);
            _momentumT = G.Mul(G.Sub(G.ScalarLike(tf, 1), G.Mul(PowConst(0.96, G.Mul(tf, ScheduleDecay)), 0.5)), Beta1);
            _momentumT1 = G.Mul(G.Sub(G.ScalarLike(tf, 1), G.Mul(PowConst(0.96, G.Mul(G.Add(tf, 1.0), ScheduleDecay)), 0.5)), Beta1);
            _schedule = G.Mul(state, _momentumT);
            _scheduleNext = G.Mul(_schedule, _momentumT1);
            scheduleUpdate = G.Assign(state, _schedule);
        }
        var (muT, muT1) = (G.Cast(_momentumT!, p.DType), G.Cast(_momentumT1!, p.DType));
        var (sNew, sNext) = (G.Cast(_schedule!, p.DType), G.Cast(_scheduleNext!, p.DType));
        var one = G.ScalarLike(t, 1);
        var m = Slot(p, "m");
        var v = Slot(p, "v");
        var gPrime = G.Div(g, G.Sub(one, sNew));
        var newM = G.Add(G.Mul(m, Beta1), G.Mul(g, 1 - Beta1));
        var mPrime = G.Div(newM, G.Sub(one, sNext));
        var newV = G.Add(G.Mul(v, Beta2), G.Mul(G.Square(g), 1 - Beta2));
        var vPrime = G.Div(newV, G.Sub(one, PowConst(Beta2, t)));
        var mBar = G.Add(G.Mul(G.Sub(one, muT), gPrime), G.Mul(muT1, mPrime));
        var newP = G.Sub(p, G.Div(G.Mul(mBar, lr), G.Add(G.Sqrt(vPrime), Epsilon)));
        Node[] updates = [G.Assign(m, newM), G.Assign(v, newV), G.Assign(p, constrain(newP))];
        return scheduleUpdate is null ? updates : [scheduleUpdate, .. updates];
    }
}
