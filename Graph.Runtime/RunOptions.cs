namespace Graph.Runtime;

/// <summary>Per-run options.</summary>
/// <param name="PinnedRunCounter">
/// Use this run counter for random ops instead of advancing the session's (gradient checks, reproducible tests,
/// comparing concurrent and sequential runs).
/// </param>
public sealed record RunOptions(long? PinnedRunCounter = null);
