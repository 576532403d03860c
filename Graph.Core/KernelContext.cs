namespace Graph.Core;

/// <summary>
/// Per-run facts a kernel may need besides its buffers. Random kernels key their counter-based generator with
/// (<see cref="RunCounter"/>, <see cref="LoopIteration"/>, element index), so draws are fresh per run and per loop
/// step, reproducible given seeds, and independent of thread scheduling.
/// </summary>
/// <param name="RunCounter">The session's run counter for this run (advances only for plans with random ops).</param>
/// <param name="LoopIteration">The iteration of the enclosing loop body, 0 outside loops.</param>
public readonly record struct KernelContext(long RunCounter, int LoopIteration);
