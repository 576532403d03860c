using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>GRU</c> layer: <see cref="RNN"/> over a <see cref="GRUCell"/> (gate order z, r, h; kernel
/// <c>(input, 3·units)</c>, recurrent kernel <c>(units, 3·units)</c>; <c>ResetAfter</c> true by default with bias
/// <c>(2, 3·units)</c>, false for Keras 2's bias <c>(3·units,)</c>; sigmoid gates by default).
/// </summary>
public sealed class GRU : RNN
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        base.AddConfig(config);
        RecurrentConfig.InlineCell(config);
    }

    /// <summary>A GRU layer of <paramref name="units"/> units.</summary>
    public GRU(int units, ActivationArg? activation = null, ActivationArg? recurrentActivation = null, bool useBias = true,
        InitializerArg kernelInitializer = default, InitializerArg recurrentInitializer = default, InitializerArg biasInitializer = default,
        double dropout = 0, double recurrentDropout = 0, bool resetAfter = true, bool returnSequences = false, bool returnState = false,
        bool goBackwards = false, bool stateful = false, bool unroll = false, int? seed = null, DType dtype = DType.Float32, string? name = null)
        : base(new GRUCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            dropout, recurrentDropout, resetAfter, seed, dtype), returnSequences, returnState, goBackwards, stateful, unroll, name)
    {
    }

    /// <summary>The cell.</summary>
    public new GRUCell Cell => (GRUCell)base.Cell;

    /// <summary>Number of units.</summary>
    public int Units => Cell.Units;
}
