using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Graph.Ops.Kernels;
using Graph.Tests.Ops.Kernels;

// Prints which instruction sets and GEMM kernel this process uses, runs the GEMM and FastMath conformance checks,
// and exits 1 on any mismatch. Started by KernelCheckTests with instruction sets disabled.
Console.WriteLine($"Avx2.IsSupported={Avx2.IsSupported}");
Console.WriteLine($"Avx512F.IsSupported={Avx512F.IsSupported}");
Console.WriteLine($"Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated}");
Console.WriteLine($"GemmIsa={GemmBlocking.Current.Isa}");

var failures = new List<string>();
(bool A, bool B)[] transposes = [(false, false), (true, false), (false, true), (true, true)];
foreach ((bool ta, bool tb) in transposes)
{
    failures.AddRange(GemmConformance.Run(GemmConformance.Shapes(GemmConformance.SmallSizes, ta, tb), seed: 1));
    failures.AddRange(GemmConformance.Run(GemmConformance.Shapes([1, 17, 129], ta, tb, pad: 2, beta: 0.5f), seed: 2));
    failures.AddRange(GemmConformance.Run(GemmConformance.Shapes([7, 200], ta, tb, bias: true,
        activation: GemmActivation.Tanh), seed: 3));
}
foreach (GemmActivation act in Enum.GetValues<GemmActivation>())
    failures.AddRange(GemmConformance.Run(GemmConformance.Shapes([1, 6, 33], false, true, beta: 1f, bias: true, activation: act), seed: 4));

float[] sweep = FastMathConformance.Sweep(stride: 4099);
Check("tanh", FastMathConformance.TanhError(sweep), FastMathConformance.TanhTolerance);
Check("sigmoid", FastMathConformance.SigmoidError(sweep), FastMathConformance.SigmoidTolerance);
Check("exp", FastMathConformance.ExpError(sweep), FastMathConformance.ExpTolerance);

foreach (string failure in failures.Take(20))
    Console.WriteLine($"FAIL {failure}");
Console.WriteLine(failures.Count == 0 ? "ALL CHECKS PASSED" : $"{failures.Count} CHECKS FAILED");
return failures.Count == 0 ? 0 : 1;

void Check(string name, double error, double tolerance)
{
    Console.WriteLine($"{name} max error {error:g3} (tolerance {tolerance:g3})");
    if (!(error <= tolerance))
        failures.Add($"{name} max error {error:g3} exceeds {tolerance:g3}");
}
