using Graph.Core;
using Graph.Ops.Reductions;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    /// <summary>The axis/keepdims/empty/size-1 layouts every numeric reduction is checked on.</summary>
    private static OpCase[] ReductionCases(string name, Func<Node, int[]?, bool, Node> reduce, OpInput? values = null, bool emptyDifferentiable = true, bool emptyReduced = true)
    {
        OpInput In(params int[] dims) => (values ?? OpInput.Float()) with { Shape = Shape.Of(dims) };
        OpCase[] cases =
        [
            new($"{name}_all", [In(3, 4)], x => reduce(x[0], null, false)),
            new($"{name}_last", [In(2, 3, 4)], x => reduce(x[0], [-1], false)),
            new($"{name}_middle_keepdims", [In(2, 3, 4)], x => reduce(x[0], [1], true)),
            new($"{name}_outer_two", [In(2, 3, 4)], x => reduce(x[0], [0, 2], false)),
            new($"{name}_first_keepdims", [In(3, 5)], x => reduce(x[0], [0], true)),
            new($"{name}_size1", [In(2, 1, 3)], x => reduce(x[0], [1, 2], false)),
            new($"{name}_scalar", [In()], x => reduce(x[0], null, false)),
            new($"{name}_empty_kept", [In(0, 3)], x => reduce(x[0], [1], false)),
        ];
        OpCase emptyCase = new($"{name}_empty_reduced", [In(0, 3)], x => reduce(x[0], [0], true), emptyDifferentiable);
        return emptyReduced ? [.. cases, emptyCase] : cases;
    }

    private static OpCatalogEntry[] ReductionEntries =>
    [
        Entry<SumOp>([
            .. ReductionCases("sum", G.Sum),
            new OpCase("sum_int", [Ints(3, 4)], x => G.Sum(x[0], [0]), Differentiable: false)]),
        Entry<MeanOp>([
            // The empty mean is NaN and integer means truncate: ReductionTests pins both.
            .. ReductionCases("mean", G.Mean, emptyReduced: false)]),
        Entry<MaxOp>([
            .. ReductionCases("max", G.Max, emptyDifferentiable: false),
            new OpCase("max_int", [Ints(3, 4)], x => G.Max(x[0], [1]), Differentiable: false)]),
        Entry<MinOp>([
            .. ReductionCases("min", G.Min, emptyDifferentiable: false),
            new OpCase("min_int", [Ints(3, 4)], x => G.Min(x[0], [0]), Differentiable: false)]),
        Entry<ProdOp>([
            .. ReductionCases("prod", G.Prod, new OpInput(Shape.Scalar, Min: -1.6, Max: 1.6, KinkMargin: 0.4)),
            new OpCase("prod_int", [Ints(3, 4)], x => G.Prod(x[0], [1]), Differentiable: false)]),
        Entry<AnyOp>(
            new OpCase("any_all", [Bools(3, 4)], x => G.Any(x[0]), Differentiable: false),
            new OpCase("any_axis", [Bools(2, 3, 4)], x => G.Any(x[0], [0, 2], keepDims: true), Differentiable: false),
            new OpCase("any_empty", [Bools(0, 3)], x => G.Any(x[0], [0]), Differentiable: false)),
        Entry<AllOp>(
            new OpCase("all_all", [Bools(3, 4)], x => G.All(x[0]), Differentiable: false),
            new OpCase("all_axis", [Bools(2, 3, 4)], x => G.All(x[0], [-1]), Differentiable: false),
            new OpCase("all_empty", [Bools(0, 3)], x => G.All(x[0], [0]), Differentiable: false)),
        Entry<ArgMaxOp>(
            new OpCase("argmax_last", [OpInput.Float(3, 5)], x => G.ArgMax(x[0]), Differentiable: false),
            new OpCase("argmax_middle", [OpInput.Float(2, 3, 4)], x => G.ArgMax(x[0], 1), Differentiable: false),
            new OpCase("argmax_int", [Ints(4, 3)], x => G.ArgMax(x[0], 0), Differentiable: false)),
        Entry<ArgMinOp>(
            new OpCase("argmin_last", [OpInput.Float(3, 5)], x => G.ArgMin(x[0]), Differentiable: false),
            new OpCase("argmin_first", [OpInput.Float(4, 3)], x => G.ArgMin(x[0], 0), Differentiable: false)),
        Entry<ExpandToShapeOp>(
            new OpCase("expand_rows", [OpInput.Float(3), OpInput.Float(2, 3)], x => G.ExpandToShape(x[0], x[1], [0], false)),
            new OpCase("expand_keepdims", [OpInput.Float(2, 1, 4), OpInput.Float(2, 3, 4)], x => G.ExpandToShape(x[0], x[1], [1], true)),
            new OpCase("expand_all", [OpInput.Float(), OpInput.Float(2, 3)], x => G.ExpandToShape(x[0], x[1], null, false)),
            new OpCase("expand_outer_two", [OpInput.Float(3), OpInput.Float(2, 3, 4)], x => G.ExpandToShape(x[0], x[1], [0, -1], false))),
        Entry<ReducedCountOp>(
            new OpCase("reduced_count", [OpInput.Float(2, 3, 4)], x => G.Apply(new ReducedCountOp(new ValueArray<int>([0, 2])), x[0]), Differentiable: false),
            new OpCase("reduced_count_all", [OpInput.Float(2, 3)], x => G.Apply(new ReducedCountOp(), x[0]), Differentiable: false)),
    ];
}
