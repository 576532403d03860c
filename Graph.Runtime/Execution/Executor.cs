using Graph.Core;
using Graph.Runtime.Compilation;

namespace Graph.Runtime.Execution;

/// <summary>
/// Runs a plan's steps in order over an arena: no allocation, no lookups, one guard check for steps under a
/// dynamic Switch. A loop step runs its body's plan once per iteration (see <see cref="LoopRunner"/>). A failing kernel is rethrown naming the node, its op and the concrete input shapes.
/// </summary>
internal static class Executor
{
    public static void Run(Plan plan, Arena arena, in KernelContext context)
    {
        var steps = plan.Steps;
        var values = arena.Values;
        var stepInputs = arena.StepInputs;
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            if (step.Guards.Length != 0)
            {
                if (!Holds(step.Guards, values)) continue;
                if (arena.StepErrors[s] is { } deferred) throw deferred;
            }
            try
            {
                if (step.Kernel is { } kernel) kernel.Compute(stepInputs[s], values[step.Output], context);
                else if (step.TupleKernel is { } tupleKernel) tupleKernel.Compute(stepInputs[s], arena.StepOutputs[s], context);
                else LoopRunner.Run(step.Loop!, arena.LoopFrames[s]!, context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw ExecutionException.ForNode(step.Origin, stepInputs[s].Select(b => b.Dims).ToArray(), e);
            }
        }
    }

    private static bool Holds(GuardTerm[] guards, TensorBuffer[] values)
    {
        foreach (var term in guards)
            if (values[term.Predicate].Span<bool>()[0] != term.Taken) return false;
        return true;
    }
}
