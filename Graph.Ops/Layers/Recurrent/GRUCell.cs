using System.Text.Json.Nodes;
using Graph.Core;
using Graph.Ops.Recurrent;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>GRUCell</c>, gate order z, r, h (KERAS_SEMANTICS §7.4), σ the recurrent activation (sigmoid):
/// <list type="bullet">
/// <item><c>ResetAfter</c> true (tf.keras, the default; cuDNN-compatible), bias <c>(2, 3·units)</c> = input and recurrent
/// rows: <c>z = σ(xW_z + b_z + hU_z + rb_z)</c>, r likewise, <c>hh = act(xW_h + b_h + r·(hU_h + rb_h))</c>;</item>
/// <item><c>ResetAfter</c> false (Keras 2), bias <c>(3·units,)</c>: <c>z = σ(xW_z + hU_z + b_z)</c>, r likewise,
/// <c>hh = act(xW_h + b_h + (r·h)U_h)</c>;</item>
/// </list>
/// then <c>h' = z·h + (1 − z)·hh</c>. With recurrent dropout the dropped state feeds only the matmuls (tf.keras).
/// </summary>
public sealed class GRUCell : GatedCell
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        base.AddConfig(config);
        config["recurrent_activation"] = RecurrentActivation.Name;
        config["reset_after"] = ResetAfter;
    }

    /// <summary>A cell of <paramref name="units"/> units.</summary>
    public GRUCell(int units, ActivationArg? activation = null, ActivationArg? recurrentActivation = null, bool useBias = true,
        InitializerArg kernelInitializer = default, InitializerArg recurrentInitializer = default, InitializerArg biasInitializer = default,
        double dropout = 0, double recurrentDropout = 0, bool resetAfter = true, int? seed = null, DType dtype = DType.Float32,
        string? name = null)
        : base(units, 3, activation ?? "tanh", useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed, dtype, name)
    {
        RecurrentActivation = recurrentActivation ?? "sigmoid";
        ResetAfter = resetAfter;
    }

    /// <summary>The gates' activation (sigmoid).</summary>
    public ActivationArg RecurrentActivation { get; }

    /// <summary>Whether the reset gate applies after the recurrent matmul (tf.keras default) or before it (Keras 2).</summary>
    public bool ResetAfter { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => [Units];

    private protected override Shape BiasShape => ResetAfter ? Shape.Of(2, 3 * Units) : Shape.Of(3 * Units);

    /// <inheritdoc/>
    public override (Node Output, IReadOnlyList<Node> States) Call(Node input, IReadOnlyList<Node> states, TrainingArg training)
    {
        var h = states[0];
        var sr = RecurrentActivation.Function;
        Node z, r, hh;
        if (ResetAfter)
        {
            Node? inputBias = Bias is null ? null : BiasRow(Bias, 0), recurrentBias = Bias is null ? null : BiasRow(Bias, 1);
            var x = InputParts(input, inputBias);
            var u = RecurrentParts(h, recurrentBias);
            z = sr(G.Add(x[0], u[0]));
            r = sr(G.Add(x[1], u[1]));
            hh = Activation.Function(G.Add(x[2], G.Mul(r, u[2])));
        }
        else
        {
            var x = InputParts(input, Bias);
            z = sr(G.Add(x[0], G.Dot(MaskedState(h, 0), Block(RecurrentKernel, 0))));
            r = sr(G.Add(x[1], G.Dot(MaskedState(h, 1), Block(RecurrentKernel, 1))));
            hh = Activation.Function(G.Add(x[2], G.Dot(G.Mul(r, MaskedState(h, 2)), Block(RecurrentKernel, 2))));
        }
        var h2 = G.Add(G.Mul(z, h), G.Mul(G.Sub(1.0, z), hh));
        return (h2, [h2]);
    }

    /// <summary>
    /// The fused <see cref="GruSequenceOp"/> for float inputs <c>(batch, time, features)</c> with <see cref="ResetAfter"/>
    /// and built-in activations the kernel has (tanh, sigmoid, hard_sigmoid, relu, linear); masks and dropout go with it.
    /// Keras 2's reset-before form keeps the general loop.
    /// </summary>
    internal override (Node Last, Node Outputs, IReadOnlyList<Node> States)? FusedSequence(Node inputs, IReadOnlyList<Node> initialStates,
        Node? mask, bool goBackwards)
    {
        if (!ResetAfter || inputs.Shape.Rank != 3 || Fusable(Activation) is not { } activation || Fusable(RecurrentActivation) is not { } recurrent)
            return null;
        var (layout, operands) = FusedOperands(inputs, Bias, initialStates, mask);
        return FusedResults(new GruSequenceOp(activation, recurrent, goBackwards, layout), operands, "gru_sequence",
            GruSequenceOp.Last, GruSequenceOp.Sequence, GruSequenceOp.FinalH);
    }

    /// <inheritdoc/>
    public override GatedCell CloneCell() => new GRUCell(Units, Activation, RecurrentActivation, UseBias, KernelInitializer,
        RecurrentInitializer, BiasInitializer, Dropout, RecurrentDropout, ResetAfter, Seed, DType);
}
