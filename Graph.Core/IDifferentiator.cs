namespace Graph.Core;

/// <summary>
/// Reverse-mode differentiation of a region of the graph, handed to ops whose gradient differentiates a body
/// (the loop op builds its gradient loop with it). Implemented by Graph.Ops's <c>Autodiff</c>, so Core needs no
/// kernels.
/// </summary>
public interface IDifferentiator
{
    /// <summary>
    /// ∂(Σⱼ ⟨dysⱼ, ysⱼ⟩)/∂x for each x of <paramref name="wrt"/>, treating every x as a leaf (no gradient flows
    /// past it to its own inputs); null where an x is disconnected.
    /// </summary>
    Node?[] Gradients(IReadOnlyList<Node> ys, IReadOnlyList<Node> dys, IReadOnlyList<Node> wrt);

    /// <summary><c>a + b</c>: sums two gradient contributions of the same shape.</summary>
    Node Add(Node a, Node b);
}
