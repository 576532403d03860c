using Graph.Core;

namespace Graph.Runtime.Compilation;

/// <summary>
/// Gives every fed and computed value a buffer slot, reusing a slot (of the same dtype) once its last reader has
/// run. A step's output is assigned before its inputs are released, so no kernel writes over its own input.
/// Fetched values and update values stay live to the end of the run.
/// </summary>
internal static class Liveness
{
    public static (int[] SlotOfValue, DType[] SlotTypes) AssignSlots(PlanValue[] values, List<Step> steps, int[] fetches, List<PlanUpdate> updates)
    {
        var lastUse = new int[values.Length];
        Array.Fill(lastUse, -1);
        for (int s = 0; s < steps.Count; s++)
            foreach (int input in steps[s].Inputs) lastUse[input] = s;
        foreach (int f in fetches) lastUse[f] = int.MaxValue;
        foreach (var u in updates) lastUse[u.NewValue] = int.MaxValue;

        var slotOfValue = new int[values.Length];
        Array.Fill(slotOfValue, -1);
        var slotTypes = new List<DType>();
        var free = new List<int>();

        int Take(DType dtype)
        {
            int i = free.FindIndex(s => slotTypes[s] == dtype);
            if (i < 0)
            {
                slotTypes.Add(dtype);
                return slotTypes.Count - 1;
            }
            int slot = free[i];
            free.RemoveAt(i);
            return slot;
        }

        // Fed values are copied in before any step runs, so they all hold a slot from the start.
        foreach (var v in values.Where(v => v.Kind == ValueKind.Feed)) slotOfValue[v.Index] = Take(v.Type.DType);
        for (int s = 0; s < steps.Count; s++)
        {
            var step = steps[s];
            slotOfValue[step.Output] = Take(values[step.Output].Type.DType);
            foreach (int input in step.Inputs.Distinct())
                if (lastUse[input] == s && slotOfValue[input] >= 0) free.Add(slotOfValue[input]);
            if (lastUse[step.Output] == -1) free.Add(slotOfValue[step.Output]);
        }
        return (slotOfValue, slotTypes.ToArray());
    }
}
