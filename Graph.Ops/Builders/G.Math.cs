using Graph.Core;
using Graph.Ops.Elementwise;
using Graph.Ops.Linalg;

namespace Graph.Ops;

public static partial class G
{
    /// <summary><c>a + b</c> with broadcasting.</summary>
    public static Node Add(Node a, Node b) => Apply(new AddOp(), a, b);

    /// <summary><c>a + s</c>, s weakly typed.</summary>
    public static Node Add(Node a, double s) => Add(a, ScalarLike(a, s));

    /// <summary><c>a − b</c> with broadcasting.</summary>
    public static Node Sub(Node a, Node b) => Apply(new SubOp(), a, b);

    /// <summary><c>a − s</c>, s weakly typed.</summary>
    public static Node Sub(Node a, double s) => Sub(a, ScalarLike(a, s));

    /// <summary><c>s − a</c>, s weakly typed.</summary>
    public static Node Sub(double s, Node a) => Sub(ScalarLike(a, s), a);

    /// <summary><c>a · b</c> elementwise with broadcasting.</summary>
    public static Node Mul(Node a, Node b) => Apply(new MulOp(), a, b);

    /// <summary><c>a · s</c>, s weakly typed.</summary>
    public static Node Mul(Node a, double s) => Mul(a, ScalarLike(a, s));

    /// <summary><c>a / b</c> elementwise with broadcasting.</summary>
    public static Node Div(Node a, Node b) => Apply(new DivOp(), a, b);

    /// <summary><c>a / s</c>, s weakly typed.</summary>
    public static Node Div(Node a, double s) => Div(a, ScalarLike(a, s));

    /// <summary><c>−x</c>.</summary>
    public static Node Neg(Node x) => Apply(new NegOp(), x);

    /// <summary><c>tanh(x)</c>.</summary>
    public static Node Tanh(Node x) => Apply(new TanhOp(), x);

    /// <summary><c>act(x·W + b)</c> in one GEMM with the bias and ReLU in its epilogue (rank-2 x).</summary>
    public static Node Dense(Node x, Node kernel, Node bias, bool relu = false) =>
        Apply(new Linalg.DenseOp(relu), x, kernel, bias);

    /// <summary>The plain ReLU's gradient: <c>x &gt; 0 ? g : 0</c>.</summary>
    public static Node ReluGrad(Node g, Node x) => Apply(new ReluGradOp(), g, x);

    /// <summary><c>floor(x)</c>.</summary>
    public static Node Floor(Node x) => Apply(new FloorOp(), x);

    /// <summary>Converts to <paramref name="dtype"/> (identity when it already is).</summary>
    public static Node Cast(Node x, DType dtype) => x.DType == dtype ? x : Apply(new CastOp(dtype), x);

    /// <summary><c>a ≥ b</c> → bool.</summary>
    public static Node GreaterEqual(Node a, Node b) => Apply(new GreaterEqualOp(), a, b);

    /// <summary><c>a &gt; b</c> → bool.</summary>
    public static Node Greater(Node a, Node b) => Apply(new GreaterOp(), a, b);

    /// <summary><c>op(a)·op(b)</c> for rank-2 inputs.</summary>
    public static Node MatMul(Node a, Node b, bool transposeA = false, bool transposeB = false) =>
        Apply(new MatMulOp(transposeA, transposeB), a, b);

    /// <summary>Sums <paramref name="g"/> back to <paramref name="target"/>'s shape (undoing a broadcast); identity when shapes already agree.</summary>
    public static Node SumToShape(Node g, Node target) =>
        g.Shape.Equals(target.Shape) && g.Shape.IsFullyDefined ? g : Apply(new SumToShapeOp(), g, target);
}
