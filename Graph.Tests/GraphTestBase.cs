using System.Numerics.Tensors;
using Graph.Core;
using NUnit.Framework;

namespace Graph.Tests;

/// <summary>Gives every test a fresh graph (fixed seed) as the ambient default.</summary>
public abstract class GraphTestBase
{
    private IDisposable? _scope;

    protected ComputationGraph Graph { get; private set; } = null!;

    [SetUp]
    public void CreateGraph()
    {
        Graph = new ComputationGraph(seed: 1234);
        _scope = Graph.AsDefault();
    }

    [TearDown]
    public void ReleaseGraph() => _scope?.Dispose();

    protected static Tensor<float> Ones(int rows, int cols) => Tensor.Create(Enumerable.Repeat(1f, rows * cols).ToArray(), [rows, cols]);

    protected static Tensor<float> Tensor2D(int rows, int cols, Func<int, float> value) =>
        Tensor.Create(Enumerable.Range(0, rows * cols).Select(value).ToArray(), [rows, cols]);
}
