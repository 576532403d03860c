namespace Graph.Runtime.Compilation;

/// <summary>
/// Computes, for every value, the conjunction of Switch conditions under which it is needed. A value's guard is
/// the intersection over its consumers of (consumer's guard, plus the branch condition when the consumer is a
/// Switch reading it as a branch). Intersecting conjunctions over-approximates their disjunction, so a step may
/// run when not strictly needed but never fails to run when it is.
/// </summary>
internal static class Guards
{
    /// <returns>Per value its guard, or null when nothing reads the value (an unread loop element).</returns>
    public static GuardTerm[]?[] Compute(PlanValue[] values, int[] fetches, List<PlanUpdate> updates)
    {
        var guards = new GuardTerm[]?[values.Length];
        foreach (int f in fetches) guards[f] = [];
        foreach (var u in updates) guards[u.NewValue] = [];
        for (int v = values.Length - 1; v >= 0; v--)
        {
            var own = guards[v];
            if (own is null) continue;
            var value = values[v];
            bool isSwitch = value.Op is Core.Structural.SwitchOp;
            for (int p = 0; p < value.Inputs.Length; p++)
            {
                var edge = isSwitch && p > 0 ? [.. own, new GuardTerm(value.Inputs[0], p == 1)] : own;
                int input = value.Inputs[p];
                guards[input] = guards[input] is { } existing ? existing.Intersect(edge).ToArray() : edge;
            }
        }
        return guards;
    }
}
