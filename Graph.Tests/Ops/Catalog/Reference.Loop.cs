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

    private static double[] TanhStep(double[] xt, double[] h, RefValue w, RefValue u)
    {
        int units = w.Dims[1];
        var result = new double[units];
        for (int j = 0; j < units; j++)
        {
            double sum = 0;
            for (int i = 0; i < xt.Length; i++) sum += xt[i] * w.At(i, j);
            for (int i = 0; i < h.Length; i++) sum += h[i] * u.At(i, j);
            result[j] = Math.Tanh(sum);
        }
        return result;
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
