using System.Numerics.Tensors;
using Graph.Core;
using Graph.Core.Structural;
using Graph.Runtime.Compilation;

namespace Graph.Runtime.Execution;

/// <summary>
/// Runs a loop step: sets the carries to their initial values, then T times copies the sequences' slices into
/// the body's parameters, runs the body's plan with the iteration in <see cref="KernelContext.LoopIteration"/>,
/// and copies the results out (stacked along time, summed, or carried into the next iteration; saved
/// intermediates stacked in processing order). Slicing and
/// stacking are strided copies along the time axis (axis 1, batch-major); nothing is allocated.
/// </summary>
internal static class LoopRunner
{
    public static void Run(LoopProgram program, LoopFrame frame, in KernelContext context)
    {
        var op = program.Op;
        int steps = frame.Steps;
        var carries = frame.Carries;
        for (int j = 0; j < carries.Length; j++)
        {
            if (frame.Inits[j] is { } init) Array.Copy(init.Data, carries[j].Data, carries[j].Length);
            else Array.Clear(carries[j].Data, 0, carries[j].Length);
        }
        for (int i = 0; i < steps; i++)
        {
            int iteration = op.CountDown ? steps - 1 - i : i;
            var inner = new KernelContext(context.RunCounter, Nest(context.LoopIteration, iteration));
            for (int j = 0; j < frame.Sequences.Length; j++)
                if (frame.SequenceTargets[j] is { } target)
                    Slice(frame.Sequences[j], target, op.ReverseSequences[j] ? steps - 1 - i : i, steps);
            for (int j = 0; j < carries.Length; j++)
                if (frame.CarryStacks[j] is { } stack) Place(carries[j], stack, i, steps);

            Executor.Run(program.Body, frame.Body, inner);

            for (int j = 0; j < frame.Stacked.Length; j++)
                if (frame.Stacked[j] is { } stacked)
                    Place(frame.StackedResults[j], stacked, op.ReverseStacked[j] ? steps - 1 - i : i, steps);
            for (int j = 0; j < frame.Saved.Length; j++)
                if (frame.Saved[j] is { } saved) Place(frame.SavedResults[j], saved, i, steps);
            for (int j = 0; j < frame.Summed.Length; j++)
                if (frame.Summed[j] is { } sum)
                {
                    if (i == 0) Array.Copy(frame.SummedResults[j].Data, sum.Data, sum.Length);
                    else Accumulate(frame.SummedResults[j], sum);
                }
            UpdateCarries(frame);
        }
        for (int j = 0; j < carries.Length; j++)
            if (frame.FinalCarries[j] is { } final) Array.Copy(carries[j].Data, final.Data, final.Length);
        if (steps == 0)
            foreach (var sum in frame.Summed)
                if (sum is not null) Array.Clear(sum.Data, 0, sum.Length);
    }

    /// <summary>
    /// The iteration kernels see: the loop's own at top level, mixed with the enclosing loop's iteration when
    /// loops nest, so draws differ per outer and inner step.
    /// </summary>
    private static int Nest(int outer, int iteration) => outer == 0 ? iteration : unchecked(outer * 1_000_003 + iteration + 1);

    private static void UpdateCarries(LoopFrame frame)
    {
        var (carries, results) = (frame.Carries, frame.CarryResults);
        if (frame.Staging is { } staging)
        {
            for (int j = 0; j < carries.Length; j++) Array.Copy(results[j].Data, staging[j].Data, staging[j].Length);
            for (int j = 0; j < carries.Length; j++) Array.Copy(staging[j].Data, carries[j].Data, carries[j].Length);
            return;
        }
        for (int j = 0; j < carries.Length; j++)
            if (!ReferenceEquals(results[j].Data, carries[j].Data)) Array.Copy(results[j].Data, carries[j].Data, carries[j].Length);
    }

    /// <summary>Copies time index <paramref name="t"/> of <paramref name="sequence"/> into <paramref name="slice"/>.</summary>
    private static void Slice(TensorBuffer sequence, TensorBuffer slice, int t, int steps)
    {
        int outer = LoopOp.TimeAxis(sequence.Rank) == 1 ? sequence.Dims[0] : 1;
        int inner = outer == 0 ? 0 : slice.Length / outer;
        for (int b = 0; b < outer; b++)
            Array.Copy(sequence.Data, (b * steps + t) * inner, slice.Data, b * inner, inner);
    }

    /// <summary>Copies <paramref name="value"/> to time index <paramref name="t"/> of <paramref name="stacked"/>.</summary>
    private static void Place(TensorBuffer value, TensorBuffer stacked, int t, int steps)
    {
        int outer = LoopOp.TimeAxis(stacked.Rank) == 1 ? stacked.Dims[0] : 1;
        int inner = outer == 0 ? 0 : value.Length / outer;
        for (int b = 0; b < outer; b++)
            Array.Copy(value.Data, b * inner, stacked.Data, (b * steps + t) * inner, inner);
    }

    private static void Accumulate(TensorBuffer value, TensorBuffer sum)
    {
        if (sum.DType == DType.Float32) TensorPrimitives.Add(sum.Span<float>(), value.Span<float>(), sum.Span<float>());
        else TensorPrimitives.Add(sum.Span<double>(), value.Span<double>(), sum.Span<double>());
    }
}
