using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    /// <summary>
    /// A loop node is a tuple read through TupleElement projections, so every loop case builds a projection; its
    /// reference (Graph.Tests/Ops/Catalog/Reference.Loop.cs) is the naive unrolled recurrence, told apart by the
    /// case's number of inputs and the element read — each case below has its own pair. StackedValue reads the
    /// pre-activations <c>xₜW + hₜ₋₁U</c> of the tanh recurrence.
    /// </summary>
    private static OpCatalogEntry[] LoopEntries =>
    [
        Entry<LoopOp>(
            new OpCase("scan_cumsum_outputs", CumulativeSumInputs, x => G.Scan(CumulativeSumStep, x[0], [x[1]]).Outputs),
            new OpCase("scan_tanh_outputs", TanhInputs, x => TanhScan(x).Outputs),
            new OpCase("scan_tanh_backwards_last_output", TanhInputs, x => TanhScan(x, goBackwards: true).LastOutput),
            new OpCase("scan_tanh_masked_final_state", [.. TanhInputs, new OpInput(Shape.Of(2, 4), DType.Bool, 0, 1)],
                x => TanhScan(x, mask: x[4]).FinalStates[0])),
        Entry<TupleElementOp>(
            new OpCase("tuple_element_cumsum_last_output", CumulativeSumInputs, x => G.Scan(CumulativeSumStep, x[0], [x[1]]).LastOutput)),
        Entry<StackedValueOp>(new OpCase("stacked_value_tanh_preactivation", TanhInputs, x =>
        {
            Node? preactivation = null;
            var (outputs, _, _) = G.Scan((xt, s) =>
            {
                preactivation = G.Add(G.MatMul(xt, x[2]), G.MatMul(s[0], x[3]));
                var h = G.Tanh(preactivation);
                return (h, [h]);
            }, x[0], [x[1]]);
            return G.StackedValue(outputs, preactivation!);
        })),
    ];

    private static OpInput[] CumulativeSumInputs => [OpInput.Float(2, 3, 2), OpInput.Float(2, 2)];

    private static OpInput[] TanhInputs =>
        [OpInput.Float(2, 4, 3), OpInput.Float(2, 3), new(Shape.Of(3, 3), Min: -0.6, Max: 0.6), new(Shape.Of(3, 3), Min: -0.6, Max: 0.6)];

    private static (Node, IReadOnlyList<Node>) CumulativeSumStep(Node x, IReadOnlyList<Node> states)
    {
        var h = G.Add(x, states[0]);
        return (h, [h]);
    }

    /// <summary><c>hₜ = tanh(xₜ·W + hₜ₋₁·U)</c> over inputs (x, h0, W, U).</summary>
    private static (Node Outputs, Node LastOutput, IReadOnlyList<Node> FinalStates) TanhScan(Node[] x, bool goBackwards = false, Node? mask = null) =>
        G.Scan((xt, s) =>
        {
            var h = G.Tanh(G.Add(G.MatMul(xt, x[2]), G.MatMul(s[0], x[3])));
            return (h, [h]);
        }, x[0], [x[1]], goBackwards, mask);
}
