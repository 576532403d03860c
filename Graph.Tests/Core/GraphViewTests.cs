using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;
using QuikGraph;

namespace Graph.Tests.Core;

public sealed class GraphViewTests : GraphTestBase
{
    [Test]
    public void ConsumersAndAncestors_Diamond_AreExact()
    {
        var a = K.Placeholder([2], name: "a");
        var left = K.Tanh(a);
        var right = G.Mul(a, a);
        var top = G.Add(left, right);
        var view = Graph.View();

        Assert.That(view.Consumers(a), Is.EqualTo(new[] { left, right }));
        Assert.That(view.Consumers(left), Is.EqualTo(new[] { top }));
        Assert.That(view.Consumers(top), Is.Empty);
        Assert.That(view.Ancestors(top), Is.EqualTo(new[] { a, left, right }));
        Assert.That(view.Ancestors(a), Is.Empty);
        Assert.That(view.DependsOn(top, a), Is.True);
        Assert.That(view.DependsOn(left, right), Is.False);
    }

    [Test]
    public void TopologicalOrder_Diamond_InputsBeforeConsumers()
    {
        var a = K.Placeholder([2], name: "a");
        var top = G.Add(K.Tanh(a), G.Mul(a, a));

        var order = Graph.View().TopologicalOrder().ToList();

        foreach (var node in order)
            foreach (var input in node.Inputs)
                Assert.That(order.IndexOf(input), Is.LessThan(order.IndexOf(node)), $"{input.Name} before {node.Name}");
        Assert.That(order, Has.Count.EqualTo(Graph.Nodes.Count));
        Assert.That(order.Last(), Is.SameAs(top));
    }

    [Test]
    public void TopologicalOrder_Cycle_ThrowsNamingAVertex()
    {
        var cyclic = new AdjacencyGraph<string, SEdge<string>>();
        cyclic.AddVerticesAndEdge(new SEdge<string>("a", "b"));
        cyclic.AddVerticesAndEdge(new SEdge<string>("b", "c"));
        cyclic.AddVerticesAndEdge(new SEdge<string>("c", "a"));

        Assert.That(() => GraphView.TopologicalOrder(cyclic), Throws.TypeOf<GraphException>().With.Message.Contains("cycle"));
    }

    [Test]
    public void UniqueName_RepeatedAndCaseVariants_GetSuffixes()
    {
        Assert.That(Graph.UniqueName("dense"), Is.EqualTo("dense"));
        Assert.That(Graph.UniqueName("dense"), Is.EqualTo("dense_1"));
        Assert.That(Graph.UniqueName("Dense"), Is.EqualTo("Dense_2"));
        using (Graph.NameScope("block"))
            Assert.That(Graph.UniqueName("dense"), Is.EqualTo("block/dense"));
    }

    [Test]
    public void AddNode_IncompatibleShapes_ThrowsNamingOpAndShapes()
    {
        var a = K.Placeholder([null, 3], name: "a");
        var b = K.Placeholder([4, 5], name: "b");

        Assert.That(() => K.Dot(a, b), Throws.TypeOf<GraphException>()
            .With.Message.Contains("Dot").And.Message.Contains("(?, 3)").And.Message.Contains("(4, 5)"));
        Assert.That(() => G.MatMul(a, b), Throws.TypeOf<GraphException>()
            .With.Message.Contains("MatMul").And.Message.Contains("(?, 3)").And.Message.Contains("(4, 5)"));
        Assert.That(() => G.Add(a, b), Throws.TypeOf<GraphException>()
            .With.Message.Contains("Add").And.Message.Contains("input 1"));
    }

    [Test]
    public void Shape_Broadcast_FollowsNumpy()
    {
        Assert.That(Shape.TryBroadcast(new Shape(null, 3), Shape.Of(3)), Is.EqualTo(new Shape(null, 3)));
        Assert.That(Shape.TryBroadcast(Shape.Of(4, 1), Shape.Of(1, 5)), Is.EqualTo(Shape.Of(4, 5)));
        Assert.That(Shape.TryBroadcast(Shape.Scalar, Shape.Of(2, 2)), Is.EqualTo(Shape.Of(2, 2)));
        Assert.That(Shape.TryBroadcast(Shape.Of(3), Shape.Of(4)), Is.Null);
        Assert.That(new Shape(null, 10).ToString(), Is.EqualTo("(?, 10)"));
        Assert.That(Shape.Of(3).ToString(), Is.EqualTo("(3,)"));
    }

    [Test]
    public void VariableStore_TwoStoresOfOneGraph_StartIdentical()
    {
        var w = G.Variable(Shape.Of(8, 4), name: "w");
        var other = new VariableStore();

        Assert.That(other.GetBuffer(w).Span<float>().ToArray(), Is.EqualTo(Graph.Variables.GetBuffer(w).Span<float>().ToArray()));
        Assert.That(Graph.Variables.GetBuffer(w).Span<float>().ToArray(), Has.Some.Not.EqualTo(0f));
    }
}
