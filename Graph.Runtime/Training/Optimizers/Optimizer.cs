using Graph.Core;
using Graph.Ops;
using Graph.Ops.Initializers;

namespace Graph.Runtime.Training.Optimizers;

/// <summary>
/// Base of the Keras 2 optimizers (KERAS_SEMANTICS §10): <see cref="GetUpdates"/> builds the update graph once —
/// gradients, clipping (global <c>clipnorm</c>, elementwise <c>clipvalue</c>), the decayed learning rate
/// <c>lr / (1 + decay·iterations)</c>, each parameter's rule, the constraint on the new value, and
/// <c>iterations += 1</c> — as Assign nodes a training function commits together. The learning rate is a variable,
/// so setting <see cref="LearningRate"/> between epochs changes training without recompiling.
/// </summary>
public abstract class Optimizer
{
    private readonly List<Node> _weights = new();
    private double _learningRate;
    private Node? _lr, _iterations;

    /// <summary>Common hyper-parameters.</summary>
    protected Optimizer(double learningRate, double decay, double? clipNorm, double? clipValue)
    {
        if (learningRate < 0) throw new ArgumentOutOfRangeException(nameof(learningRate), $"The learning rate must be >= 0, got {learningRate}.");
        if (decay < 0) throw new ArgumentOutOfRangeException(nameof(decay), $"Decay must be >= 0, got {decay}.");
        if (clipNorm <= 0) throw new ArgumentOutOfRangeException(nameof(clipNorm), $"clipnorm must be > 0, got {clipNorm}.");
        if (clipValue <= 0) throw new ArgumentOutOfRangeException(nameof(clipValue), $"clipvalue must be > 0, got {clipValue}.");
        _learningRate = learningRate;
        Decay = decay;
        ClipNorm = clipNorm;
        ClipValue = clipValue;
    }

    /// <summary>Keras identifier, e.g. <c>adam</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Learning-rate decay per update: <c>lr / (1 + decay·iterations)</c>.</summary>
    public double Decay { get; }

    /// <summary>Global-norm clipping threshold, or null.</summary>
    public double? ClipNorm { get; }

    /// <summary>Elementwise clipping bound, or null.</summary>
    public double? ClipValue { get; }

    /// <summary>The learning rate; settable between epochs (it lives in a variable once the updates are built).</summary>
    public double LearningRate
    {
        get => _lr is null ? _learningRate : K.GetValue(_lr).Span<float>()[0];
        set
        {
            _learningRate = value;
            if (_lr is not null) K.SetValue(_lr, (float)value);
        }
    }

    /// <summary>The update counter variable (int64), once built.</summary>
    public Node? Iterations => _iterations;

    /// <summary>Optimizer state variables (iterations, learning rate, slots), in creation order.</summary>
    public IReadOnlyList<Node> Weights => _weights;

    /// <summary>
    /// The update ops minimizing <paramref name="loss"/> over <paramref name="parameters"/>; a constraint maps a
    /// parameter's new value to the value assigned (Keras applies it after the rule).
    /// </summary>
    /// <exception cref="ArgumentException">a parameter has no gradient (Keras: "An operation has `None` for gradient").</exception>
    public IReadOnlyList<Node> GetUpdates(Node loss, IReadOnlyList<Node> parameters, IReadOnlyDictionary<Node, Func<Node, Node>>? constraints = null)
    {
        var graph = loss.Graph;
        using var scope = graph.AsDefault();
        var grads = Autodiff.Gradients(loss, parameters);
        for (int i = 0; i < grads.Length; i++)
            if (grads[i] is null)
                throw new ArgumentException(
                    $"An operation has `None` for gradient: the loss '{loss.Name}' does not depend on '{parameters[i].Name}' through differentiable ops.");
        var gradients = Clip(grads.Select(g => g!).ToArray());

        _iterations ??= Track(G.Variable(Shape.Scalar, DType.Int64, ConstantInitializer.Zeros, graph.UniqueName(Name + "/iterations"), trainable: false));
        _lr ??= Track(G.Variable(Shape.Scalar, DType.Float32, new ConstantInitializer(_learningRate), graph.UniqueName(Name + "/lr"), trainable: false));
        var iterations = G.Cast(_iterations, DType.Float32);
        var lr = Decay > 0 ? G.Div(_lr, G.Add(G.Mul(iterations, Decay), 1.0)) : _lr;
        var t = G.Add(iterations, 1.0);

        var updates = new List<Node> { G.Assign(_iterations, G.Add(_iterations, 1.0)) };
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            Func<Node, Node> constrain = constraints is not null && constraints.TryGetValue(p, out var c) ? c : v => v;
            var (pLr, pT) = (Like(lr, p), Like(t, p));
            updates.AddRange(ParameterUpdates(p, gradients[i], pLr, pT, constrain));
        }
        return updates;
    }

    /// <summary>The updates of one parameter: slot assignments and <c>p := constrain(new p)</c>.</summary>
    protected abstract IEnumerable<Node> ParameterUpdates(Node p, Node g, Node lr, Node t, Func<Node, Node> constrain);

    /// <summary>A zero-initialized, non-trainable slot shaped like <paramref name="p"/>.</summary>
    protected Node Slot(Node p, string slotName) =>
        Track(G.Variable(p.Shape, p.DType, ConstantInitializer.Zeros, p.Graph.UniqueName($"{Name}/{p.Name}/{slotName}"), trainable: false));

    /// <summary>A slot initialized to a constant.</summary>
    protected Node Slot(Node p, string slotName, double value) =>
        Track(G.Variable(p.Shape, p.DType, new ConstantInitializer(value), p.Graph.UniqueName($"{Name}/{p.Name}/{slotName}"), trainable: false));

    /// <summary>A scalar optimizer variable (e.g. Nadam's momentum cache).</summary>
    protected Node ScalarState(ComputationGraph graph, string stateName, double value) =>
        Track(G.Variable(Shape.Scalar, DType.Float32, new ConstantInitializer(value), graph.UniqueName($"{Name}/{stateName}"), trainable: false));

    /// <summary><c>β^t</c> for a scalar constant base.</summary>
    protected static Node PowConst(double beta, Node t) => G.Pow(G.ScalarLike(t, beta), t);

    /// <summary>The optimizer's epsilon: given, else <c>K.Epsilon()</c> (1e-7).</summary>
    protected static double DefaultEpsilon(double? epsilon) => epsilon ?? 1e-7;

    private static Node Like(Node scalar, Node p) => G.Cast(scalar, p.DType);

    private Node Track(Node variable)
    {
        _weights.Add(variable);
        return variable;
    }

    private Node[] Clip(Node[] grads)
    {
        if (ClipNorm is { } clipNorm)
        {
            // Global norm over all parameters: n = sqrt(Σ Σ g²); every g is scaled by clipnorm / max(n, clipnorm).
            Node? sumSquares = null;
            foreach (var g in grads)
            {
                var s = G.Cast(G.Sum(G.Square(g)), DType.Float32);
                sumSquares = sumSquares is null ? s : G.Add(sumSquares, s);
            }
            var norm = G.Sqrt(sumSquares!);
            var scale = G.Div(G.ScalarLike(norm, clipNorm), G.Maximum(norm, clipNorm));
            grads = grads.Select(g => G.Mul(g, G.Cast(scale, g.DType))).ToArray();
        }
        if (ClipValue is { } clipValue) grads = grads.Select(g => G.Clip(g, -clipValue, clipValue)).ToArray();
        return grads;
    }
}
