using Graph.Core;

namespace Graph.Runtime.Compilation;

/// <summary>
/// One unit of work of a plan: a kernel call (one output), or a loop (one output per tuple element, a nested
/// plan run once per iteration). Inputs and outputs are value indices; the guard (all terms must hold) skips
/// steps only an untaken Switch branch needs.
/// </summary>
internal sealed class Step(Op op, Node origin, int[] outputs, int[] inputs, GuardTerm[] guards, LoopProgram? loop = null)
{
    public Op Op { get; } = op;
    /// <summary>The kernel to call, or null for a loop step.</summary>
    public KernelOp? Kernel { get; } = op as KernelOp;
    public LoopProgram? Loop { get; } = loop;
    public Node Origin { get; } = origin;
    public int[] Outputs { get; } = outputs;
    /// <summary>The (first) output.</summary>
    public int Output => Outputs[0];
    public int[] Inputs { get; } = inputs;
    public GuardTerm[] Guards { get; } = guards;
}
