using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>SimpleRNNCell</c>: <c>h' = act(x·W + b + h·U)</c> (activation tanh), the output being <c>h'</c>.
/// Dropout multiplies x and recurrent dropout h by masks drawn once per call.
/// </summary>
public sealed class SimpleRNNCell : GatedCell
{
    /// <summary>A cell of <paramref name="units"/> units.</summary>
    public SimpleRNNCell(int units, ActivationArg? activation = null, bool useBias = true,
        InitializerArg kernelInitializer = default, InitializerArg recurrentInitializer = default, InitializerArg biasInitializer = default,
        double dropout = 0, double recurrentDropout = 0, int? seed = null, DType dtype = DType.Float32, string? name = null)
        : base(units, 1, activation ?? "tanh", useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed, dtype, name)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => [Units];

    /// <inheritdoc/>
    public override (Node Output, IReadOnlyList<Node> States) Call(Node input, IReadOnlyList<Node> states, TrainingArg training)
    {
        var z = G.Dot(MaskedInput(input, 0), Kernel);
        if (Bias is not null) z = G.BiasAdd(z, Bias);
        var h = Activation.Function(G.Add(z, G.Dot(MaskedState(states[0], 0), RecurrentKernel)));
        return (h, [h]);
    }

    /// <inheritdoc/>
    public override GatedCell CloneCell() => new SimpleRNNCell(Units, Activation, UseBias, KernelInitializer, RecurrentInitializer,
        BiasInitializer, Dropout, RecurrentDropout, Seed, DType);
}
