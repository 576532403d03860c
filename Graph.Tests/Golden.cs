using NUnit.Framework;

namespace Graph.Tests;

/// <summary>
/// Golden-file comparison. Files live in Graph.Tests/Golden and are copied next to the test assembly; set
/// GRAPH_UPDATE_GOLDEN=1 to rewrite them in the source tree after a deliberate change.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", name);
        if (Environment.GetEnvironmentVariable("GRAPH_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(FindRepoRoot(), "Graph.Tests", "Golden", name);
            File.WriteAllText(source, actual);
            File.WriteAllText(path, actual);
        }
        Assert.That(File.Exists(path), Is.True, $"Golden file {name} is missing; run once with GRAPH_UPDATE_GOLDEN=1.");
        Assert.That(actual.ReplaceLineEndings("\n"), Is.EqualTo(File.ReadAllText(path).ReplaceLineEndings("\n")));
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Graph.sln not found above the test directory.");
    }
}
