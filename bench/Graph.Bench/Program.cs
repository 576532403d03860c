using System.Globalization;
using Graph.Bench;

// Usage: dotnet run -c Release --project bench/Graph.Bench -- [workload...]
// Prints one JSON line per workload with the fields of ../shared/bench/torch_bench.py (peer = "graph").
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string[] names = args.Length > 0 ? args : Workloads.Default;
foreach (string name in names)
{
    if (!Workloads.All.TryGetValue(name, out Func<IEnumerable<string>>? run))
    {
        Console.Error.WriteLine($"Unknown workload '{name}'. Known: {string.Join(' ', Workloads.All.Keys)}");
        return 2;
    }
    foreach (string line in run())
        Console.WriteLine(line);
}
return 0;
