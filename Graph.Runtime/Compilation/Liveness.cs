using Graph.Core;

namespace Graph.Runtime.Compilation;

/// <summary>
/// Gives every fed and computed value a buffer slot, reusing a slot (of the same dtype) once its last reader has
/// run. A step's outputs are assigned before its inputs are released, so no kernel (and no loop) writes over its
/// own input. Fetched values and update values stay live to the end of the run; so do feeds when pinned (a loop
/// body's parameters are rewritten between iterations). Feeds from <c>firstBoundFeed</c> on are bound to outer
/// buffers and get no slot, nor do loop elements nothing reads (the loop then skips writing them).
/// </summary>
internal static class Liveness
{
    public static (int[] SlotOfValue, DType[] SlotTypes) AssignSlots(PlanValue[] values, List<Step> steps, int[] fetches,
        List<PlanUpdate> updates, bool pinFeeds, int firstBoundFeed)
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
        foreach (var v in values.Where(v => v.Kind == ValueKind.Feed && v.FeedPosition < firstBoundFeed))
        {
            slotOfValue[v.Index] = Take(v.Type.DType);
            if (pinFeeds) lastUse[v.Index] = int.MaxValue;
        }
        for (int s = 0; s < steps.Count; s++)
        {
            var step = steps[s];
            foreach (int output in step.Outputs)
                if (step.Loop is null || lastUse[output] != -1) slotOfValue[output] = Take(values[output].Type.DType);
            foreach (int input in step.Inputs.Distinct())
                if (lastUse[input] == s && slotOfValue[input] >= 0) free.Add(slotOfValue[input]);
            foreach (int output in step.Outputs)
                if (lastUse[output] == -1 && slotOfValue[output] >= 0) free.Add(slotOfValue[output]);
        }
        return (slotOfValue, slotTypes.ToArray());
    }
}
