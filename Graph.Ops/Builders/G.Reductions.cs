using Graph.Core;
using Graph.Ops.Reductions;

namespace Graph.Ops;

public static partial class G
{
    private static ValueArray<int>? ReductionAxesOf(int[]? axes) => axes is null ? default(ValueArray<int>?) : new ValueArray<int>(axes);

    /// <summary>Σx over <paramref name="axes"/> (null = all; negative count from the end).</summary>
    public static Node Sum(Node x, int[]? axes = null, bool keepDims = false) => Apply(new SumOp(ReductionAxesOf(axes), keepDims), x);

    /// <summary>Σx over one axis.</summary>
    public static Node Sum(Node x, int axis, bool keepDims = false) => Sum(x, [axis], keepDims);

    /// <summary>The mean over <paramref name="axes"/> (null = all).</summary>
    public static Node Mean(Node x, int[]? axes = null, bool keepDims = false) => Apply(new MeanOp(ReductionAxesOf(axes), keepDims), x);

    /// <summary>The mean over one axis.</summary>
    public static Node Mean(Node x, int axis, bool keepDims = false) => Mean(x, [axis], keepDims);

    /// <summary>The maximum over <paramref name="axes"/> (null = all).</summary>
    public static Node Max(Node x, int[]? axes = null, bool keepDims = false) => Apply(new MaxOp(ReductionAxesOf(axes), keepDims), x);

    /// <summary>The maximum over one axis.</summary>
    public static Node Max(Node x, int axis, bool keepDims = false) => Max(x, [axis], keepDims);

    /// <summary>The minimum over <paramref name="axes"/> (null = all).</summary>
    public static Node Min(Node x, int[]? axes = null, bool keepDims = false) => Apply(new MinOp(ReductionAxesOf(axes), keepDims), x);

    /// <summary>The minimum over one axis.</summary>
    public static Node Min(Node x, int axis, bool keepDims = false) => Min(x, [axis], keepDims);

    /// <summary>Πx over <paramref name="axes"/> (null = all).</summary>
    public static Node Prod(Node x, int[]? axes = null, bool keepDims = false) => Apply(new ProdOp(ReductionAxesOf(axes), keepDims), x);

    /// <summary>Logical or of a bool value over <paramref name="axes"/> (null = all).</summary>
    public static Node Any(Node x, int[]? axes = null, bool keepDims = false) => Apply(new AnyOp(ReductionAxesOf(axes), keepDims), x);

    /// <summary>Logical or over one axis.</summary>
    public static Node Any(Node x, int axis, bool keepDims = false) => Any(x, [axis], keepDims);

    /// <summary>Logical and of a bool value over <paramref name="axes"/> (null = all).</summary>
    public static Node All(Node x, int[]? axes = null, bool keepDims = false) => Apply(new AllOp(ReductionAxesOf(axes), keepDims), x);

    /// <summary>Logical and over one axis.</summary>
    public static Node All(Node x, int axis, bool keepDims = false) => All(x, [axis], keepDims);

    /// <summary>Index (int64) of the largest element along <paramref name="axis"/>; the first one on ties.</summary>
    public static Node ArgMax(Node x, int axis = -1) => Apply(new ArgMaxOp(axis), x);

    /// <summary>Index (int64) of the smallest element along <paramref name="axis"/>; the first one on ties.</summary>
    public static Node ArgMin(Node x, int axis = -1) => Apply(new ArgMinOp(axis), x);

    /// <summary>
    /// <c>log Σ exp(x)</c> over <paramref name="axes"/>, stable: with m the (finite) maximum held constant,
    /// <c>m + log Σ exp(x − m)</c>, as TF's <c>reduce_logsumexp</c>. The gradient is softmax(x) over the axes.
    /// </summary>
    public static Node LogSumExp(Node x, int[]? axes = null, bool keepDims = false)
    {
        var max = Max(x, axes, keepDims: true);
        // An all −∞ (or empty) slice has no finite maximum; shifting by 0 there gives log 0 = −∞ instead of NaN.
        var shift = StopGradient(Where(Less(Abs(max), double.PositiveInfinity), max, ScalarLike(max, 0)));
        var sum = Sum(Exp(Sub(x, shift)), axes, keepDims);
        return Add(Log(sum), keepDims ? shift : Sum(shift, axes));
    }

    /// <summary>Keras's <c>K.var</c>: the biased variance <c>mean((x − mean(x))²)</c> over <paramref name="axes"/>.</summary>
    public static Node Var(Node x, int[]? axes = null, bool keepDims = false) =>
        Mean(Square(Sub(x, Mean(x, axes, keepDims: true))), axes, keepDims);

    /// <summary>Keras's <c>K.std</c>: <c>√var(x)</c> (biased) over <paramref name="axes"/>.</summary>
    public static Node Std(Node x, int[]? axes = null, bool keepDims = false) => Sqrt(Var(x, axes, keepDims));

    /// <summary>The L2 norm <c>√Σx²</c> over <paramref name="axes"/> (null = all; the gradient is not finite at 0).</summary>
    public static Node Norm(Node x, int[]? axes = null, bool keepDims = false) => Sqrt(Sum(Square(x), axes, keepDims));

    /// <summary>
    /// Broadcasts <paramref name="g"/>, shaped like <paramref name="like"/> reduced over <paramref name="axes"/>
    /// (kept dims or not), back to like's shape: the gradient of a reduction.
    /// </summary>
    public static Node ExpandToShape(Node g, Node like, int[]? axes, bool keepDims) =>
        Apply(new ExpandToShapeOp(ReductionAxesOf(axes), keepDims), g, like);

    /// <summary>
    /// The number of elements reduced into each result over <paramref name="axes"/>, in x's dtype: a constant when
    /// those dimensions are known, else read from x's runtime shape.
    /// </summary>
    internal static Node ReducedCount(Node x, int[]? axes)
    {
        Span<bool> reduced = stackalloc bool[x.Shape.Rank];
        try { ReductionAxes.Mark(ReductionAxesOf(axes), x.Shape.Rank, reduced); }
        catch (ShapeRuleException) { return Apply(new ReducedCountOp(ReductionAxesOf(axes)), x); }
        long count = 1;
        for (int i = 0; i < reduced.Length; i++)
        {
            if (!reduced[i]) continue;
            if (x.Shape[i] is not { } d) return Apply(new ReducedCountOp(ReductionAxesOf(axes)), x);
            count *= d;
        }
        return ScalarLike(x, count);
    }
}
