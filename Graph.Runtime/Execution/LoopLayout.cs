using Graph.Core;
using Graph.Core.Structural;
using Graph.Runtime.Compilation;

namespace Graph.Runtime.Execution;

/// <summary>
/// Concrete sizes of one loop step for one outer layout: the number of iterations (the sequences' time length),
/// the body's layout for the slices, carries and captures it receives, and the dims of every output (the tuple's
/// elements, then the saved stacks).
/// A new sequence length makes a new layout, never a new plan.
/// </summary>
internal sealed class LoopLayout
{
    private LoopLayout(PlanLayout body, int steps, int[][] carryDims, int[][] elementDims)
    {
        Body = body;
        Steps = steps;
        CarryDims = carryDims;
        ElementDims = elementDims;
    }

    public PlanLayout Body { get; }
    public int Steps { get; }
    public int[][] CarryDims { get; }
    public int[][] ElementDims { get; }

    /// <summary>Sizes the loop whose first element is <paramref name="first"/>; <paramref name="dims"/> gives outer values' dims.</summary>
    /// <exception cref="ArgumentException">sequences of different lengths, or a carry whose shape the step changes.</exception>
    public static LoopLayout Create(PlanValue first, Func<int, int[]> dims, VariableStore store)
    {
        var program = first.Loop!;
        var op = program.Op;
        var body = op.Body;
        int k = body.SequenceParams.Count, n = body.CarryParams.Count;
        int[] Input(int i) => dims(first.Inputs[i]);

        int steps = -1;
        for (int j = 0; j < k; j++)
        {
            var d = Input(j);
            int length = d[LoopOp.TimeAxis(d.Length)];
            if (steps >= 0 && length != steps)
                throw new ArgumentException($"sequence {j} has {length} steps but sequence 0 has {steps}.");
            steps = length;
        }
        var first0 = Input(0);
        int batch = first0.Length >= 2 ? first0[0] : 1;
        var carryDims = new int[n][];
        for (int j = 0; j < n; j++)
        {
            int init = op.InitInput(j);
            if (init >= 0)
            {
                carryDims[j] = Input(init);
                continue;
            }
            var shape = body.CarryParams[j].Shape;
            carryDims[j] = Enumerable.Range(0, shape.Rank).Select(d => shape[d] ?? (d == 0 ? batch : 0)).ToArray();
        }

        int[] FedDims(int position)
        {
            if (position >= k + n) return dims(first.Inputs[program.CaptureInputs[position - k - n]]);
            if (position >= k) return carryDims[position - k];
            // A slice reaches its parameter with trailing 1s when the parameter has more dimensions.
            var slice = LoopOp.SliceShape(Shape.Of(Input(position))).ToArray();
            int rank = body.SequenceParams[position].Shape.Rank;
            return [.. slice, .. Enumerable.Repeat(1, rank - slice.Length)];
        }
        var bodyLayout = new PlanLayout(program.Body, store, [], FedDims);

        for (int j = 0; j < n; j++)
        {
            var result = bodyLayout.Dims[program.CarryFetch(j)];
            if (!result.AsSpan().SequenceEqual(carryDims[j]))
                throw new ArgumentException($"carry {j} enters the step as {Shape.Format(carryDims[j])} but leaves it as {Shape.Format(result)}.");
        }
        int[] Stack(int[] d)
        {
            var list = d.ToList();
            list.Insert(LoopOp.TimeAxis(d.Length + 1), steps);
            return [.. list];
        }
        int[][] elements =
        [
            .. Enumerable.Range(0, body.StackedResults.Count).Select(j => Stack(bodyLayout.Dims[program.StackedFetch(j)])),
            .. carryDims,
            .. carryDims.Select(Stack),
            .. Enumerable.Range(0, body.SummedResults.Count).Select(j => bodyLayout.Dims[program.SummedFetch(j)]),
            .. Enumerable.Range(0, program.Saved.Length).Select(j => Stack(bodyLayout.Dims[program.SavedFetch(j)])),
        ];
        return new LoopLayout(bodyLayout, steps, carryDims, elements);
    }
}
