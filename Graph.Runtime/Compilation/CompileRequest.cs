using Graph.Core;

namespace Graph.Runtime.Compilation;

/// <summary>
/// What a plan is compiled for: the fetches, the updates (Assign nodes), the fed nodes in feed order, and the
/// learning-phase value when the phase node is fed (a fed phase is known at compile time, so each phase gets its
/// own plan with every Switch on it folded).
/// <para>A loop body is compiled with three more facts: <paramref name="Known"/> outer nodes whose value the outer
/// plan knows (a folded learning phase, constants: folding reaches into the body), the last
/// <paramref name="BoundFeeds"/> feeds bound to outer buffers without a slot of their own (captured weights and
/// activations, aliased, never copied), and <paramref name="PinFeeds"/>: feed slots live for the whole run, since
/// the loop rewrites them between iterations.</para>
/// </summary>
internal sealed record CompileRequest(Node[] Fetches, Node[] Updates, Node[] Feeds, bool? Phase, VariableStore Store,
    IReadOnlyDictionary<Node, TensorBuffer>? Known = null, int BoundFeeds = 0, bool PinFeeds = false);
