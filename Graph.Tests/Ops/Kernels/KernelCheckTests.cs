using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using NUnit.Framework;

namespace Graph.Tests.Ops.Kernels;

/// <summary>
/// Runs tests/KernelCheck (the GEMM and FastMath conformance checks) in a child process with instruction sets
/// disabled, so the narrower kernels this machine would otherwise never run are verified too.
/// </summary>
[TestFixture]
[NonParallelizable]
public class KernelCheckTests
{
    private static string? s_dll;

    [Test]
    public void KernelCheck_Avx2Disabled_PortableKernelsPass()
    {
        string output = RunCheck(("DOTNET_EnableAVX2", "0"));
        Assert.That(output, Does.Contain("Avx2.IsSupported=False"));
        Assert.That(output, Does.Contain("GemmIsa=Portable"));
        Assert.That(output, Does.Contain("ALL CHECKS PASSED"));
    }

    [Test]
    public void KernelCheck_Avx512Disabled_Avx2KernelsPass()
    {
        if (!Avx2.IsSupported || !Fma.IsSupported)
            Assert.Ignore("This machine has no AVX2/FMA; the portable test covers it.");
        string output = RunCheck(("DOTNET_EnableAVX512", "0"));
        Assert.That(output, Does.Contain("Avx512F.IsSupported=False"));
        Assert.That(output, Does.Contain("GemmIsa=Avx2"));
        Assert.That(output, Does.Contain("ALL CHECKS PASSED"));
    }

    private static string RunCheck(params (string Name, string Value)[] environment)
    {
        string dll = s_dll ??= BuildKernelCheck();
        var start = new ProcessStartInfo(DotnetHost(), ["exec", dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        (int exitCode, string output) = Run(start, TimeSpan.FromMinutes(2));
        Assert.That(exitCode, Is.EqualTo(0), output);
        return output;
    }

    private static string BuildKernelCheck()
    {
        string root = RepositoryRoot();
        string configuration = TestContext.CurrentContext.TestDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}")
            ? "Debug" : "Release";
        string project = Path.Combine(root, "tests", "KernelCheck", "KernelCheck.csproj");
        var build = new ProcessStartInfo(DotnetHost(), ["build", project, "-c", configuration, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        (int exitCode, string output) = Run(build, TimeSpan.FromMinutes(5));
        Assert.That(exitCode, Is.EqualTo(0), $"building KernelCheck failed:\n{output}");
        return Path.Combine(root, "tests", "KernelCheck", "bin", configuration, "net10.0", "KernelCheck.dll");
    }

    private static (int ExitCode, string Output) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout}.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The dotnet host running this test (the SDK sets DOTNET_HOST_PATH for child processes).</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        string? self = Environment.ProcessPath;
        return self != null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Graph.sln not found above the test directory.");
    }
}
