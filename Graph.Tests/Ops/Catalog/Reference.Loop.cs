using Graph.Core.Structural;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    /// <summary>
    /// The loop cases of the catalog are TupleElement projections of G.Scan; the reference recomputes each one
    /// unrolled, step by step in double, picked by the case's inputs and element (see OpCatalog.Loop):
    /// (x, h0) → cumulative sum, (x, h0, W, U) → <c>hₜ = tanh(xₜW + hₜ₋₁U)</c> (element 2, the last output, comes
    /// from the go-backwards case), (x, h0, W, U, mask) → the masked tanh recurrence.
    /// </summary>
    static partial void AddLoop(Dictionary<Type, Kernel> table)
    {
        // The loop's nodes are never fetched directly; its cases are checked through the projections below.
        PropertyTested.Add(typeof(LoopOp));
        table[typeof(StackedValueOp)] = (_, x) => TanhPreactivations(x);
        table[typeof(TupleElementOp)] = (op, x) =>
        {
            int element = ((TupleElementOp)op).Index;
            return (x.Length, element) switch
            {
                (2, _) => Unrolled(x[0], x[1], null, false, element, (xt, h) => xt.Zip(h, (a, b) => a + b).ToArray()),
                (4, _) => Unrolled(x[0], x[1], null, element == 2, element, (xt, h) => TanhStep(xt, h, x[2], x[3])),
                _ => Unrolled(x[0], x[1], x[4], false, element, (xt, h) => TanhStep(xt, h, x[2], x[3])),
            };
        };
    }

    private static double[] TanhStep(double[] xt, double[] h, RefValue w, RefValue u) => Preactivation(xt, h, w, u).Select(Math.Tanh).ToArray();

    private static double[] Preactivation(double[] xt, double[] h, RefValue w, RefValue u)
    {
        int units = w.Dims[1];
        var result = new double[units];
        for (int j = 0; j < units; j++)
        {
            for (int i = 0; i < xt.Length; i++) result[j] += xt[i] * w.At(i, j);
            for (int i = 0; i < h.Length; i++) result[j] += h[i] * u.At(i, j);
        }
        return result;
    }

    /// <summary>The pre-activations <c>xₜW + hₜ₋₁U</c> of the tanh recurrence over (x, h0, W, U), stacked (batch, time, units).</summary>
    private static RefValue TanhPreactivations(RefValue[] x)
    {
        var (w, u) = (x[2], x[3]);
        int batch = x[0].Dims[0], steps = x[0].Dims[1], features = x[0].Dims[2], units = w.Dims[1];
        var stacked = new double[batch * steps * units];
        for (int b = 0; b < batch; b++)
        {
            var h = Enumerable.Range(0, units).Select(j => x[1].At(b, j)).ToArray();
            for (int t = 0; t < steps; t++)
            {
                var pre = Preactivation(Enumerable.Range(0, features).Select(f => x[0].At(b, t, f)).ToArray(), h, w, u);
                Array.Copy(pre, 0, stacked, (b * steps + t) * units, units);
                h = pre.Select(Math.Tanh).ToArray();
            }
        }
        return new RefValue([batch, steps, units], stacked);
    }

    /// <summary>
    /// Runs <c>h = step(xₜ, h)</c> over time per batch row (reversed when <paramref name="reverse"/>; a masked step
    /// keeps h and repeats the previous output, zeros at first) and returns element 0 (outputs stacked in
    /// processing order), 1 (final state) or 2 (last output).
    /// </summary>
    private static RefValue Unrolled(RefValue x, RefValue h0, RefValue? mask, bool reverse, int element, Func<double[], double[], double[]> step)
    {
        int batch = x.Dims[0], steps = x.Dims[1], features = x.Dims[2], units = h0.Dims[1];
        var outputs = new double[batch * steps * units];
        var finals = new double[batch * units];
        var lasts = new double[batch * units];
        for (int b = 0; b < batch; b++)
        {
            var h = Enumerable.Range(0, units).Select(j => h0.At(b, j)).ToArray();
            var previous = new double[units];
            for (int i = 0; i < steps; i++)
            {
                int t = reverse ? steps - 1 - i : i;
                if (mask is null || mask.At(b, t) != 0)
                {
                    var xt = Enumerable.Range(0, features).Select(f => x.At(b, t, f)).ToArray();
                    h = step(xt, h);
                    previous = h;
                }
                Array.Copy(previous, 0, outputs, (b * steps + i) * units, units);
            }
            Array.Copy(h, 0, finals, b * units, units);
            Array.Copy(previous, 0, lasts, b * units, units);
        }
        return element switch
        {
            0 => new RefValue([batch, steps, units], outputs),
            1 => new RefValue([batch, units], finals),
            _ => new RefValue([batch, units], lasts),
        };
    }
}
