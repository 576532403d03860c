using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>LSTM</c> layer: <see cref="RNN"/> over an <see cref="LSTMCell"/> (gate order i, f, c, o; kernel
/// <c>(input, 4·units)</c>, recurrent kernel <c>(units, 4·units)</c>, bias <c>(4·units,)</c>; sigmoid gates and unit
/// forget bias by default). Weights are named <c>lstm/lstm_cell/kernel</c>, as tf.keras.
/// </summary>
public sealed class LSTM : RNN
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        base.AddConfig(config);
        RecurrentConfig.InlineCell(config);
    }

    /// <summary>An LSTM layer of <paramref name="units"/> units.</summary>
    public LSTM(int units, ActivationArg? activation = null, ActivationArg? recurrentActivation = null, bool useBias = true,
        InitializerArg kernelInitializer = default, InitializerArg recurrentInitializer = default, InitializerArg biasInitializer = default,
        bool unitForgetBias = true, double dropout = 0, double recurrentDropout = 0, bool returnSequences = false, bool returnState = false,
        bool goBackwards = false, bool stateful = false, bool unroll = false, int? seed = null, DType dtype = DType.Float32, string? name = null)
        : base(new LSTMCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            unitForgetBias, dropout, recurrentDropout, seed, dtype), returnSequences, returnState, goBackwards, stateful, unroll, name)
    {
    }

    /// <summary>The cell (its weights: <see cref="GatedCell.Kernel"/>, <see cref="GatedCell.RecurrentKernel"/>, <see cref="GatedCell.Bias"/>).</summary>
    public new LSTMCell Cell => (LSTMCell)base.Cell;

    /// <summary>Number of units.</summary>
    public int Units => Cell.Units;
}
