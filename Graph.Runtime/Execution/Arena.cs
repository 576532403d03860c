using Graph.Core;
using Graph.Runtime.Compilation;

namespace Graph.Runtime.Execution;

/// <summary>
/// The buffers of one run of a plan at one layout: a view per value (slot arrays shared by liveness, constants
/// and variables bound directly) and the prebuilt input array of every step, so the executor allocates nothing.
/// Arenas are pooled per layout; a run rents one, so concurrent runs never share buffers.
/// </summary>
internal sealed class Arena
{
    public Arena(Plan plan, PlanLayout layout, VariableStore store)
    {
        var slots = new Array[plan.SlotTypes.Length];
        for (int s = 0; s < slots.Length; s++) slots[s] = plan.SlotTypes[s].NewArray(Math.Max(1, layout.SlotLengths[s]));
        Values = new TensorBuffer[plan.Values.Length];
        foreach (var value in plan.Values)
        {
            Values[value.Index] = value.Kind switch
            {
                ValueKind.Constant => value.Constant!,
                ValueKind.Variable => store.GetBuffer(value.Origin),
                _ => new TensorBuffer(value.Type.DType, layout.Dims[value.Index], slots[plan.SlotOfValue[value.Index]]),
            };
        }
        StepInputs = plan.Steps.Select(step => step.Inputs.Select(i => Values[i]).ToArray()).ToArray();
        StepErrors = plan.Steps.Select(step => layout.DeferredErrors[step.Output]).ToArray();
    }

    /// <summary>Per step, a shape error deferred until the (guarded) step actually runs.</summary>
    public Exception?[] StepErrors { get; }

    /// <summary>Per plan value.</summary>
    public TensorBuffer[] Values { get; }

    /// <summary>Per step, its input buffers.</summary>
    public TensorBuffer[][] StepInputs { get; }
}
