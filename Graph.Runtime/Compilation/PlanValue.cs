using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Runtime.Compilation;

/// <summary>Where a plan value comes from.</summary>
internal enum ValueKind : byte
{
    /// <summary>Copied in from a feed before the steps run.</summary>
    Feed,
    /// <summary>Known when the plan was compiled (graph constants, folded subgraphs, a fed learning phase).</summary>
    Constant,
    /// <summary>The variable store's buffer, bound without copying.</summary>
    Variable,
    /// <summary>Written by one step.</summary>
    Computed,
}

/// <summary>One value of a compiled plan, after substitution, folding and CSE. Immutable.</summary>
internal sealed class PlanValue
{
    public required int Index { get; init; }
    public required ValueKind Kind { get; init; }
    /// <summary>The graph node this value stands for (the first one, when CSE merged several).</summary>
    public required Node Origin { get; init; }
    public required TensorType Type { get; init; }
    public TensorBuffer? Constant { get; init; }
    public KernelOp? Op { get; init; }
    public int[] Inputs { get; init; } = [];
    /// <summary>Position of the fed node in the request's feed list (Feed values only).</summary>
    public int FeedPosition { get; init; } = -1;
    /// <summary>For an element of a loop's tuple: the compiled loop (the step writing every element).</summary>
    public LoopProgram? Loop { get; init; }
    /// <summary>For an element of a tuple kernel's tuple: the op (one step writes every element).</summary>
    public TupleKernelOp? TupleKernel { get; init; }
    /// <summary>For an element of a loop's or a tuple kernel's tuple: its index in the tuple.</summary>
    public int Element { get; init; }
}

/// <summary>A condition under which a guarded step runs: the Switch predicate value equals <see cref="Taken"/>.</summary>
internal readonly record struct GuardTerm(int Predicate, bool Taken);
