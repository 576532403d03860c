using Graph.Core;
using Graph.Runtime.Compilation;

namespace Graph.Runtime.Execution;

/// <summary>
/// The buffers of one run of a plan at one layout: a view per value (slot arrays shared by liveness, constants
/// and variables bound directly) and the prebuilt input array of every step, so the executor allocates nothing.
/// A loop step gets a <see cref="LoopFrame"/> holding its body's arena. Arenas are pooled per layout; a run rents
/// one, so concurrent runs never share buffers.
/// </summary>
internal sealed class Arena
{
    /// <summary>
    /// Buffers for <paramref name="plan"/> at <paramref name="layout"/>; a loop body's captures are
    /// <paramref name="bound"/> to its loop's outer buffers (aliased, not copied).
    /// </summary>
    public Arena(Plan plan, PlanLayout layout, VariableStore store, TensorBuffer[]? bound = null)
    {
        var slots = new Array[plan.SlotTypes.Length];
        for (int s = 0; s < slots.Length; s++) slots[s] = plan.SlotTypes[s].NewArray(Math.Max(1, layout.SlotLengths[s]));
        int firstBound = plan.FeedValues.Length - (bound?.Length ?? 0);
        Values = new TensorBuffer[plan.Values.Length];
        foreach (var value in plan.Values)
        {
            int slot = plan.SlotOfValue[value.Index];
            Values[value.Index] = value.Kind switch
            {
                ValueKind.Constant => value.Constant!,
                ValueKind.Variable => store.GetBuffer(value.Origin),
                _ when slot >= 0 => new TensorBuffer(value.Type.DType, layout.Dims[value.Index], slots[slot]),
                ValueKind.Feed => bound![value.FeedPosition - firstBound],
                // A loop element nothing reads: the loop does not write it.
                _ => TensorBuffer.Zeros(value.Type.DType),
            };
        }
        StepInputs = plan.Steps.Select(step => step.Inputs.Select(i => Values[i]).ToArray()).ToArray();
        StepOutputs = plan.Steps.Select(step => step.Outputs.Select(i => Values[i]).ToArray()).ToArray();
        StepErrors = plan.Steps.Select(step => layout.DeferredErrors[step.Output]).ToArray();
        LoopFrames = plan.Steps.Select(step =>
            step.Loop is { } loop && layout.Loops.TryGetValue(step.Output, out var loopLayout)
                ? new LoopFrame(step, loop, loopLayout, Values, plan.SlotOfValue, store)
                : null).ToArray();
    }

    /// <summary>Per step, a shape error deferred until the (guarded) step actually runs.</summary>
    public Exception?[] StepErrors { get; }

    /// <summary>Per plan value.</summary>
    public TensorBuffer[] Values { get; }

    /// <summary>Per step, its input buffers.</summary>
    public TensorBuffer[][] StepInputs { get; }

    /// <summary>Per step, its output buffers (read by tuple kernels).</summary>
    public TensorBuffer[][] StepOutputs { get; }

    /// <summary>Per step, the loop's buffers (null for kernel steps).</summary>
    public LoopFrame?[] LoopFrames { get; }
}
