using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Runtime.Compilation;

/// <summary>
/// One unit of work of a plan: a kernel call (one output), a tuple kernel call (one output per element), or a loop
/// (one output per tuple element, a nested plan run once per iteration). Inputs and outputs are value indices; the guard (all terms must hold) skips
/// steps only an untaken Switch branch needs.
/// </summary>
internal sealed class Step(Op op, Node origin, int[] outputs, int[] inputs, GuardTerm[] guards, LoopProgram? loop = null)
{
    public Op Op { get; } = op;
    /// <summary>The kernel to call, or null for a tuple kernel or a loop step.</summary>
    public KernelOp? Kernel { get; } = op as KernelOp;
    /// <summary>The tuple kernel to call, or null.</summary>
    public TupleKernelOp? TupleKernel { get; } = op as TupleKernelOp;
    public LoopProgram? Loop { get; } = loop;
    public Node Origin { get; } = origin;
    public int[] Outputs { get; } = outputs;
    /// <summary>The (first) output.</summary>
    public int Output => Outputs[0];
    public int[] Inputs { get; } = inputs;
    public GuardTerm[] Guards { get; } = guards;
}
