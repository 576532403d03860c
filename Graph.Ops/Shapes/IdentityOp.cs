using Graph.Core;

namespace Graph.Ops.Shapes;

/// <summary><c>tf.identity(x)</c>: a copy of x (any dtype); the gradient passes through unchanged.</summary>
public sealed record IdentityOp : ReshapingOp
{
    /// <inheritdoc/>
    protected override Shape ResultShape(Shape input) => input;

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [outputGradient];
}
