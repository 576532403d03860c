using Graph.Core;

namespace Graph.Runtime.Compilation;

/// <summary>
/// One kernel call of a plan: inputs and output as value indices, and the guard (all terms must hold) that skips
/// steps only an untaken Switch branch needs.
/// </summary>
internal sealed class Step(KernelOp op, Node origin, int output, int[] inputs, GuardTerm[] guards)
{
    public KernelOp Op { get; } = op;
    public Node Origin { get; } = origin;
    public int Output { get; } = output;
    public int[] Inputs { get; } = inputs;
    public GuardTerm[] Guards { get; } = guards;
}
