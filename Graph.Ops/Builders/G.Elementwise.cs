using Graph.Core;
using Graph.Ops.Elementwise;

namespace Graph.Ops;

public static partial class G
{
    /// <summary><c>|x|</c>.</summary>
    public static Node Abs(Node x) => Apply(new AbsOp(), x);

    /// <summary><c>sign(x)</c> ∈ {−1, 0, 1}.</summary>
    public static Node Sign(Node x) => Apply(new SignOp(), x);

    /// <summary><c>eˣ</c>.</summary>
    public static Node Exp(Node x) => Apply(new ExpOp(), x);

    /// <summary><c>ln x</c>.</summary>
    public static Node Log(Node x) => Apply(new LogOp(), x);

    /// <summary><c>ln(1 + x)</c>, accurate for small x.</summary>
    public static Node Log1p(Node x) => Apply(new Log1pOp(), x);

    /// <summary><c>√x</c>.</summary>
    public static Node Sqrt(Node x) => Apply(new SqrtOp(), x);

    /// <summary><c>1/√x</c>.</summary>
    public static Node Rsqrt(Node x) => Apply(new RsqrtOp(), x);

    /// <summary><c>x²</c>.</summary>
    public static Node Square(Node x) => Apply(new SquareOp(), x);

    /// <summary><c>1/x</c>.</summary>
    public static Node Reciprocal(Node x) => Apply(new ReciprocalOp(), x);

    /// <summary><c>1/(1 + e⁻ˣ)</c>.</summary>
    public static Node Sigmoid(Node x) => Apply(new SigmoidOp(), x);

    /// <summary>Keras's <c>hard_sigmoid</c>: <c>clip(0.2x + 0.5, 0, 1)</c>.</summary>
    public static Node HardSigmoid(Node x) => Apply(new HardSigmoidOp(), x);

    /// <summary>
    /// Keras's <c>relu(x, alpha, max_value, threshold)</c>: x above the threshold (clipped to [0, maxValue] when
    /// given), <c>alpha·(x − threshold)</c> otherwise.
    /// </summary>
    public static Node Relu(Node x, double alpha = 0, double? maxValue = null, double threshold = 0) =>
        Apply(new ReluOp(alpha, maxValue, threshold), x);

    /// <summary><c>x</c> for x &gt; 0, else <c>alpha·(eˣ − 1)</c>.</summary>
    public static Node Elu(Node x, double alpha = 1) => Apply(new EluOp(alpha), x);

    /// <summary>SELU: <c>λ·elu(x, α)</c> with α ≈ 1.6733, λ ≈ 1.0507.</summary>
    public static Node Selu(Node x) => Apply(new SeluOp(), x);

    /// <summary><c>ln(1 + eˣ)</c>, overflow-free.</summary>
    public static Node Softplus(Node x) => Apply(new SoftplusOp(), x);

    /// <summary><c>x/(1 + |x|)</c>.</summary>
    public static Node Softsign(Node x) => Apply(new SoftsignOp(), x);

    /// <summary><c>sin x</c>.</summary>
    public static Node Sin(Node x) => Apply(new SinOp(), x);

    /// <summary><c>cos x</c>.</summary>
    public static Node Cos(Node x) => Apply(new CosOp(), x);

    /// <summary>Rounds halves to even (numpy, TF).</summary>
    public static Node Round(Node x) => Apply(new RoundOp(), x);

    /// <summary><c>⌈x⌉</c>.</summary>
    public static Node Ceil(Node x) => Apply(new CeilOp(), x);

    /// <summary><c>aᵇ</c> with broadcasting (float).</summary>
    public static Node Pow(Node a, Node b) => Apply(new PowOp(), a, b);

    /// <summary><c>aᵖ</c>, p weakly typed.</summary>
    public static Node Pow(Node a, double p) => Pow(a, ScalarLike(a, p));

    /// <summary><c>max(a, b)</c> elementwise with broadcasting.</summary>
    public static Node Maximum(Node a, Node b) => Apply(new MaximumOp(), a, b);

    /// <summary><c>max(a, s)</c>, s weakly typed.</summary>
    public static Node Maximum(Node a, double s) => Maximum(a, ScalarLike(a, s));

    /// <summary><c>min(a, b)</c> elementwise with broadcasting.</summary>
    public static Node Minimum(Node a, Node b) => Apply(new MinimumOp(), a, b);

    /// <summary><c>min(a, s)</c>, s weakly typed.</summary>
    public static Node Minimum(Node a, double s) => Minimum(a, ScalarLike(a, s));

    /// <summary><c>(a − b)²</c> elementwise with broadcasting.</summary>
    public static Node SquaredDifference(Node a, Node b) => Apply(new SquaredDifferenceOp(), a, b);

    /// <summary><c>a &lt; b</c> → bool.</summary>
    public static Node Less(Node a, Node b) => Apply(new LessOp(), a, b);

    /// <summary><c>a &lt; s</c> → bool, s weakly typed.</summary>
    public static Node Less(Node a, double s) => Less(a, ScalarLike(a, s));

    /// <summary><c>a ≤ b</c> → bool.</summary>
    public static Node LessEqual(Node a, Node b) => Apply(new LessEqualOp(), a, b);

    /// <summary><c>a ≤ s</c> → bool, s weakly typed.</summary>
    public static Node LessEqual(Node a, double s) => LessEqual(a, ScalarLike(a, s));

    /// <summary><c>a = b</c> → bool.</summary>
    public static Node Equal(Node a, Node b) => Apply(new EqualOp(), a, b);

    /// <summary><c>a = s</c> → bool, s weakly typed.</summary>
    public static Node Equal(Node a, double s) => Equal(a, ScalarLike(a, s));

    /// <summary><c>a ≠ b</c> → bool.</summary>
    public static Node NotEqual(Node a, Node b) => Apply(new NotEqualOp(), a, b);

    /// <summary><c>a ≠ s</c> → bool, s weakly typed.</summary>
    public static Node NotEqual(Node a, double s) => NotEqual(a, ScalarLike(a, s));

    /// <summary><c>a ≥ s</c> → bool, s weakly typed.</summary>
    public static Node GreaterEqual(Node a, double s) => GreaterEqual(a, ScalarLike(a, s));

    /// <summary><c>a &gt; s</c> → bool, s weakly typed.</summary>
    public static Node Greater(Node a, double s) => Greater(a, ScalarLike(a, s));

    /// <summary><c>a ∧ b</c> on bool, with broadcasting.</summary>
    public static Node LogicalAnd(Node a, Node b) => Apply(new LogicalAndOp(), a, b);

    /// <summary><c>a ∨ b</c> on bool, with broadcasting.</summary>
    public static Node LogicalOr(Node a, Node b) => Apply(new LogicalOrOp(), a, b);

    /// <summary><c>¬x</c> on bool.</summary>
    public static Node LogicalNot(Node x) => Apply(new LogicalNotOp(), x);

    /// <summary><c>cond ? a : b</c> elementwise with broadcasting of all three.</summary>
    public static Node Where(Node cond, Node a, Node b) => Apply(new WhereOp(), cond, a, b);

    /// <summary>
    /// Keras's <c>clip(x, min_value, max_value)</c>: <c>min(max(x, min), max)</c>; a max below min is raised to min
    /// (Keras). The gradient passes where min ≤ x ≤ max.
    /// </summary>
    public static Node Clip(Node x, double min, double max) => Apply(new ClipOp(min, Math.Max(min, max)), x);
}
