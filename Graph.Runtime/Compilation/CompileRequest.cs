using Graph.Core;

namespace Graph.Runtime.Compilation;

/// <summary>
/// What a plan is compiled for: the fetches, the updates (Assign nodes), the fed nodes in feed order, and the
/// learning-phase value when the phase node is fed (a fed phase is known at compile time, so each phase gets its
/// own plan with every Switch on it folded).
/// </summary>
internal sealed record CompileRequest(Node[] Fetches, Node[] Updates, Node[] Feeds, bool? Phase, VariableStore Store);
