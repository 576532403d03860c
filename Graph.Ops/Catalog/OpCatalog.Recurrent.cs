using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops.Recurrent;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    /// <summary>
    /// The fused recurrent ops are tuples read through TupleElement projections; each case reads one element
    /// (the outputs, the last output or a final state) so the catalog's finite-difference check differentiates the
    /// forward kernel through its gradient op. Their forward values are checked against the general loop op and the
    /// reference vectors (Graph.Tests/Layers/Recurrent); the gradient ops are checked here, by those finite differences.
    /// </summary>
    private static OpCatalogEntry[] RecurrentEntries =>
    [
        Entry<LstmSequenceOp>(
            new OpCase("lstm_sequence_outputs", LstmInputs(), x => Fused(Lstm(false), x, LstmSequenceOp.Sequence)),
            new OpCase("lstm_sequence_backwards_masked_final_c", [.. LstmInputs(), Mask], x => Fused(Lstm(true, masked: true), x, LstmSequenceOp.FinalC))),
        Entry<LstmSequenceGradOp>(
            new OpCase("lstm_sequence_grad_inputs", LstmInputs(), x => GradientOf(Fused(Lstm(false), x, LstmSequenceOp.Last), x[0]), Differentiable: false)),
        Entry<GruSequenceOp>(
            new OpCase("gru_sequence_outputs", GruInputs(), x => Fused(Gru(false), x, GruSequenceOp.Sequence)),
            new OpCase("gru_sequence_backwards_masked_last", [.. GruInputs(), Mask], x => Fused(Gru(true, masked: true), x, GruSequenceOp.Last))),
        Entry<GruSequenceGradOp>(
            new OpCase("gru_sequence_grad_inputs", GruInputs(), x => GradientOf(Fused(Gru(false), x, GruSequenceOp.FinalH), x[0]), Differentiable: false)),
    ];

    private static OpInput Mask => new(Shape.Of(2, 3), DType.Bool, 0, 1);

    private static OpInput Weights(params int[] dims) => new(Shape.Of(dims), Min: -0.6, Max: 0.6);

    /// <summary>x (2, 3, 2), kernel, bias, h₀, c₀, recurrent kernel for 2 units.</summary>
    private static OpInput[] LstmInputs() => [OpInput.Float(2, 3, 2), Weights(2, 8), Weights(8), OpInput.Float(2, 2), OpInput.Float(2, 2), Weights(2, 8)];

    /// <summary>x (2, 3, 2), kernel, bias (2, 6), h₀, recurrent kernel for 2 units.</summary>
    private static OpInput[] GruInputs() => [OpInput.Float(2, 3, 2), Weights(2, 6), Weights(2, 6), OpInput.Float(2, 2), Weights(2, 6)];

    private static LstmSequenceOp Lstm(bool backwards, bool masked = false) =>
        new(FusedActivation.Tanh, FusedActivation.Sigmoid, backwards, new FusedInputs(2, true, masked, false, false));

    private static GruSequenceOp Gru(bool backwards, bool masked = false) =>
        new(FusedActivation.Tanh, FusedActivation.Sigmoid, backwards, new FusedInputs(1, true, masked, false, false));

    private static Node Fused(TupleKernelOp op, Node[] inputs, int element)
    {
        var node = inputs[0].Graph.AddNode(op, inputs, "fused");
        return inputs[0].Graph.AddNode(new TupleElementOp(element), [node], "fused_element");
    }

    private static Node GradientOf(Node y, Node x) => Autodiff.Gradients(y, [x])[0]!;
}
