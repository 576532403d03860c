using Graph.Core;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training;

/// <summary>Saving tests: a fresh default graph and a temporary folder per test, and graphs built side by side.</summary>
public abstract class SavingTestBase : GraphTestBase
{
    /// <summary>The test's temporary folder (deleted afterwards).</summary>
    protected string Folder { get; private set; } = null!;

    [SetUp]
    public void CreateFolder() => Folder = TempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Folder, recursive: true);

    /// <summary>Runs <paramref name="body"/> with a new graph of <paramref name="seed"/> as the default.</summary>
    protected static T InGraph<T>(int seed, Func<T> body)
    {
        var graph = new ComputationGraph(seed: seed);
        using var _ = graph.AsDefault();
        return body();
    }
}
