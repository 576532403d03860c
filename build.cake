// Build script: dotnet tool restore && dotnet cake --target=<Clean|Build|Test|Demo|Bench|Loc>
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var benchArgs = Argument("bench-args", "");
var solution = "./Graph.sln";

Task("Clean")
    .Does(() =>
{
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration });
    CleanDirectories("./TestResults");
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectories("./TestResults");
    DotNetTest("./Graph.Tests/Graph.Tests.csproj", new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        ResultsDirectory = "./TestResults",
        Loggers = new[] { "trx;LogFileName=results.trx", "console;verbosity=minimal" },
    });
});

Task("Demo")
    .Does(() =>
{
    DotNetRun("./samples/Digits/Digits.csproj", new DotNetRunSettings { Configuration = configuration });
});

Task("Bench")
    .Does(() =>
{
    var project = "./bench/Graph.Bench/Graph.Bench.csproj";
    if (!FileExists(project)) throw new Exception("bench/Graph.Bench is not in this tree yet.");
    DotNetRun(project, benchArgs, new DotNetRunSettings { Configuration = "Release" });
});

Task("Loc")
    .Does(() =>
{
    var rows = new List<(string Project, int Files, int Lines)>();
    foreach (var dir in new[] { "Graph.Core", "Graph.Ops", "Graph.Runtime", "Graph.Tests", "samples", "bench" })
    {
        if (!DirectoryExists(dir)) continue;
        var files = GetFiles($"./{dir}/**/*.cs").Where(f => !f.FullPath.Contains("/obj/") && !f.FullPath.Contains("/bin/")).ToList();
        rows.Add((dir, files.Count, files.Sum(f => System.IO.File.ReadAllLines(f.FullPath).Length)));
    }
    Information($"{"project",-16} {"files",6} {"lines",8}");
    foreach (var row in rows) Information($"{row.Project,-16} {row.Files,6} {row.Lines,8}");
    Information($"{"total",-16} {rows.Sum(r => r.Files),6} {rows.Sum(r => r.Lines),8}");
});

RunTarget(target);
