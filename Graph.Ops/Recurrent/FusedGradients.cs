using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops.Recurrent;

/// <summary>Plumbing shared by the gradients of the fused recurrent ops.</summary>
internal static class FusedGradients
{
    /// <summary>Projection <paramref name="index"/> of a tuple node.</summary>
    public static Node Element(Node tuple, int index) => tuple.Graph.AddNode(new TupleElementOp(index), [tuple], tuple.Name + "_element");

    /// <summary>
    /// The gradient reaching each of the first <paramref name="count"/> elements (summed when several projections read
    /// one), null where none does.
    /// </summary>
    /// <exception cref="InvalidOperationException">a gradient reaches a later element (a saved intermediate).</exception>
    public static Node?[] Collect(Node node, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, int count,
        IDifferentiator differentiator)
    {
        var grads = new Node?[count];
        foreach (var (projection, gradient) in projectionGradients)
        {
            int index = projection.Op is TupleElementOp element ? element.Index : -1;
            if (index < 0 || index >= count)
                throw new InvalidOperationException(
                    $"{node.Op.Type} '{node.Name}': element {index} is an intermediate saved for the gradient and cannot be differentiated.");
            grads[index] = grads[index] is { } existing ? differentiator.Add(existing, gradient) : gradient;
        }
        return grads;
    }

    /// <summary>The error for differentiating a fused gradient op again (cuDNN's RNNs have no second derivative either).</summary>
    public static InvalidOperationException NoSecondDerivative(Node node) => new(
        $"{node.Op.Type} '{node.Name}': the fused recurrent kernels have no second derivative; build the layer with unroll: true " +
        "or a custom cell to differentiate its gradient.");
}
