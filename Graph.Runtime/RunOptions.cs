namespace Graph.Runtime;

/// <summary>Per-run options.</summary>
/// <param name="PinnedRunCounter">
/// Use this run counter for random ops instead of advancing the session's (gradient checks, reproducible tests,
/// comparing concurrent and sequential runs).
/// </param>
/// <param name="CommitIf">
/// Decides from the run's outputs (computed before any update) whether its updates are committed; false leaves every
/// variable unchanged. Training uses it to refuse a step whose loss is NaN.
/// </param>
public sealed record RunOptions(long? PinnedRunCounter = null, Func<FunctionResult, bool>? CommitIf = null);
