using Graph.Core;
using Graph.Ops.Elementwise;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>TF's <c>tf.gradients(y, xs)</c>: gradients of Σy (or Σ dy·y) with respect to each x; null where disconnected.</summary>
    public static Node?[] Gradients(Node y, IReadOnlyList<Node> wrt, Node? outputGradient = null) =>
        Autodiff.Gradients(y, wrt, outputGradient);

    /// <summary>The identity, with no gradient flowing back.</summary>
    public static Node StopGradient(Node x) => Apply(new StopGradientOp(), x);

    /// <summary>Ones of x's dtype and shape.</summary>
    public static Node OnesLike(Node x) => Add(ZerosLike(x), 1.0);
}
