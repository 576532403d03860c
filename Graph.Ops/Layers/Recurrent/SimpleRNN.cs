using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>SimpleRNN</c> layer: <see cref="RNN"/> over a <see cref="SimpleRNNCell"/>, <c>h' = tanh(x·W + b + h·U)</c>
/// (kernel <c>(input, units)</c>, recurrent kernel <c>(units, units)</c>, bias <c>(units,)</c>).
/// </summary>
public sealed class SimpleRNN : RNN
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        base.AddConfig(config);
        RecurrentConfig.InlineCell(config);
    }

    /// <summary>A simple recurrent layer of <paramref name="units"/> units.</summary>
    public SimpleRNN(int units, ActivationArg? activation = null, bool useBias = true,
        InitializerArg kernelInitializer = default, InitializerArg recurrentInitializer = default, InitializerArg biasInitializer = default,
        double dropout = 0, double recurrentDropout = 0, bool returnSequences = false, bool returnState = false,
        bool goBackwards = false, bool stateful = false, bool unroll = false, int? seed = null, DType dtype = DType.Float32, string? name = null)
        : base(new SimpleRNNCell(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            dropout, recurrentDropout, seed, dtype), returnSequences, returnState, goBackwards, stateful, unroll, name)
    {
    }

    /// <summary>The cell.</summary>
    public new SimpleRNNCell Cell => (SimpleRNNCell)base.Cell;

    /// <summary>Number of units.</summary>
    public int Units => Cell.Units;
}
