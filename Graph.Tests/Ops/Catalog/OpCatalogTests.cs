using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops;
using Graph.Ops.Catalog;
using Graph.Ops.Elementwise;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops.Catalog;

/// <summary>
/// The triad for every op of the catalog: forward against a naive reference, the shape rule against the computed
/// shape, and the gradient against central finite differences in float64.
/// </summary>
public sealed class OpCatalogTests : GraphTestBase
{
    /// <summary>Ops the compiler binds instead of running a kernel; tested by the runtime tests.</summary>
    private static readonly Type[] Bound = [typeof(PlaceholderOp), typeof(PlaceholderWithDefaultOp), typeof(ConstantOp), typeof(VariableOp), typeof(AssignOp)];

    public static IEnumerable<TestCaseData> Cases() =>
        OpCatalog.Entries.SelectMany(e => e.Cases().Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name)));

    public static IEnumerable<TestCaseData> DifferentiableCases() =>
        OpCatalog.Entries.SelectMany(e => e.Cases().Where(c => c.Differentiable).Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name)));

    [Test]
    public void Catalog_EveryOpType_IsListedWithCases()
    {
        var listed = OpCatalog.Entries.ToDictionary(e => e.OpType, e => e.Cases().Count());
        var opTypes = new[] { typeof(Op).Assembly, typeof(G).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(Op).IsAssignableFrom(t) && !t.IsAbstract && !Bound.Contains(t));

        foreach (var type in opTypes)
        {
            Assert.That(listed.ContainsKey(type), Is.True, $"{type.Name} is missing from OpCatalog.");
            Assert.That(listed[type], Is.GreaterThan(0), $"{type.Name} has no test case.");
        }
    }

    [Test]
    public void Catalog_EveryEntry_HasReferenceOrPropertyTest()
    {
        foreach (var entry in OpCatalog.Entries)
            Assert.That(Reference.TryGet(entry.OpType, out _) || Reference.PropertyTested.Contains(entry.OpType), Is.True,
                $"{entry.OpType.Name} has no naive reference in Graph.Tests/Ops/Catalog.");
    }

    [TestCaseSource(nameof(Cases))]
    public void Forward_MatchesNaiveReference(OpCase c)
    {
        var values = CatalogHarness.Inputs(c, float64: false);
        var (_, output, f) = CatalogHarness.Build(c, values);
        // An element of a tuple kernel is checked as that kernel (a loop's elements have their own reference).
        var opType = output.Op is TupleElementOp && output.Inputs[0].Op is TupleKernelOp tuple ? tuple.GetType() : output.Op.GetType();
        if (!Reference.TryGet(opType, out var reference))
        {
            Assert.That(Reference.PropertyTested, Does.Contain(opType));
            return;
        }

        var actual = RefValue.From(CatalogHarness.Run(f, values));
        var expected = reference(output.Op, values.Select(RefValue.From).ToArray());

        Assert.That(actual.Dims, Is.EqualTo(expected.Dims), "result shape");
        double tol = output.DType == DType.Float32 ? 2e-5 : 1e-12;
        for (int i = 0; i < expected.Length; i++)
            Assert.That(actual.Data[i], Is.EqualTo(expected.Data[i]).Within(tol * Math.Max(1, Math.Abs(expected.Data[i]))), $"element {i}");
    }

    [TestCaseSource(nameof(Cases))]
    public void ShapeRule_MatchesComputedShape(OpCase c)
    {
        var values = CatalogHarness.Inputs(c, float64: false);
        var (_, output, f) = CatalogHarness.Build(c, values);
        var (_, partialOutput, _) = CatalogHarness.Build(c, values, unknownLeading: true);

        var dims = CatalogHarness.Run(f, values).Dims;

        Assert.That(output.Shape, Is.EqualTo(Shape.Of(dims)), "fully known input shapes give the exact result shape");
        Assert.That(partialOutput.Shape.IsCompatibleWith(dims), Is.True, $"static {partialOutput.Shape} vs computed {Shape.Format(dims)}");
    }

    [TestCaseSource(nameof(DifferentiableCases))]
    public void Gradient_MatchesFiniteDifferences(OpCase c)
    {
        var values = CatalogHarness.Inputs(c, float64: true);
        var (placeholders, output, f) = CatalogHarness.Build(c, values);
        var upstream = CatalogHarness.Inputs(new OpCase(c.Name + "/dy", [new OpInput(output.Shape, DType.Float64)], _ => output), float64: true)[0];
        var dy = K.Placeholder(output.Shape, DType.Float64, name: "dy");
        var differentiable = placeholders.Where(p => p.DType.IsFloating()).ToArray();
        var grads = Autodiff.Gradients(output, differentiable, dy, zerosForDisconnected: true);
        var gradFunction = K.Function([.. placeholders, dy], grads.Select(g => g!).ToArray());
        var analytic = gradFunction.Call([.. values.Select(v => (FeedValue)v), upstream]);

        double Objective()
        {
            var y = CatalogHarness.Run(f, values).Span<double>();
            var w = upstream.Span<double>();
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += y[i] * w[i];
            return sum;
        }

        for (int p = 0, gi = 0; p < placeholders.Length; p++)
        {
            if (!placeholders[p].DType.IsFloating()) continue;
            var x = values[p].Span<double>();
            var a = analytic.Buffer(gi++).Span<double>().ToArray();
            for (int i = 0; i < x.Length; i++)
            {
                double saved = x[i], h = 1e-6 * Math.Max(1, Math.Abs(saved));
                x[i] = saved + h;
                double plus = Objective();
                x[i] = saved - h;
                double minus = Objective();
                x[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.That(a[i], Is.EqualTo(numeric).Within(1e-6 * Math.Max(1, Math.Max(Math.Abs(a[i]), Math.Abs(numeric)))),
                    $"∂/∂input{p}[{i}]");
            }
        }
    }

    public static IEnumerable<TestCaseData> ElementwiseCases() =>
        OpCatalog.Entries
            .Where(e => typeof(UnaryOp).IsAssignableFrom(e.OpType) || typeof(BinaryOp).IsAssignableFrom(e.OpType) || typeof(ComparisonOp).IsAssignableFrom(e.OpType))
            .Select(e => e.Cases().First(c => c.Inputs.All(i => i.DType.IsFloating())))
            .Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(ElementwiseCases))]
    public void Kernel_LengthsZeroToSeventy_MatchReferenceOnEveryTail(OpCase c)
    {
        for (int n = 0; n <= 70; n++)
        {
            using var scope = new ComputationGraph(seed: 1).AsDefault();
            int length = n;
            foreach (bool scalarSecond in c.Inputs.Length == 2 ? new[] { false, true } : [false])
            {
                int index = 0;
                var values = CatalogHarness.Inputs(c, float64: false, spec => index++ == 1 && scalarSecond ? Shape.Scalar : Shape.Of(length));
                var (_, output, f) = CatalogHarness.Build(c, values);
                Assert.That(Reference.TryGet(output.Op.GetType(), out var reference), Is.True);
                var actual = RefValue.From(CatalogHarness.Run(f, values));
                var expected = reference(output.Op, values.Select(RefValue.From).ToArray());
                for (int i = 0; i < expected.Length; i++)
                    Assert.That(actual.Data[i], Is.EqualTo(expected.Data[i]).Within(2e-5 * Math.Max(1, Math.Abs(expected.Data[i]))), $"n={n}, element {i}");
            }
        }
    }
}
