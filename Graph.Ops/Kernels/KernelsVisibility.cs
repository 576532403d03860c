using System.Runtime.CompilerServices;

// KernelCheck reruns the kernel conformance checks in a child process with AVX2/AVX-512 disabled and reports which
// micro-kernel ran; it needs the internal ISA selection for that report.
[assembly: InternalsVisibleTo("KernelCheck")]
