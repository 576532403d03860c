using Graph.Core;
using Graph.Runtime.Compilation;

namespace Graph.Runtime.Execution;

/// <summary>
/// The buffers of one loop step in one arena: the body's own arena (captures bound to the outer buffers), the
/// carried values, and where each sequence, result and tuple element lives. Built once per arena, so running
/// the loop allocates nothing. A null target is an element nothing reads, or a parameter the body does not read.
/// </summary>
internal sealed class LoopFrame
{
    public LoopFrame(Step step, LoopProgram program, LoopLayout layout, TensorBuffer[] outer, int[] outerSlots, VariableStore store)
    {
        var op = program.Op;
        var body = op.Body;
        int k = body.SequenceParams.Count, n = body.CarryParams.Count, m = body.StackedResults.Count, s = body.SummedResults.Count;
        Body = new Arena(program.Body, layout.Body, store, program.CaptureInputs.Select(i => outer[step.Inputs[i]]).ToArray());
        Steps = layout.Steps;
        TensorBuffer? Element(int e) => outerSlots[step.Outputs[e]] >= 0 ? outer[step.Outputs[e]] : null;

        Sequences = Enumerable.Range(0, k).Select(j => outer[step.Inputs[j]]).ToArray();
        SequenceTargets = program.SequenceFeeds.Select(v => v >= 0 ? Body.Values[v] : null).ToArray();
        Carries = Enumerable.Range(0, n)
            .Select(j => program.CarryFeeds[j] >= 0 ? Body.Values[program.CarryFeeds[j]] : TensorBuffer.Zeros(body.CarryParams[j].DType, layout.CarryDims[j]))
            .ToArray();
        Inits = Enumerable.Range(0, n).Select(j => op.InitInput(j) is var i and >= 0 ? outer[step.Inputs[i]] : null).ToArray();
        CarryResults = Enumerable.Range(0, n).Select(j => Body.Values[program.CarryFetch(j)]).ToArray();
        StackedResults = Enumerable.Range(0, m).Select(j => Body.Values[program.StackedFetch(j)]).ToArray();
        SummedResults = Enumerable.Range(0, s).Select(j => Body.Values[program.SummedFetch(j)]).ToArray();
        Stacked = Enumerable.Range(0, m).Select(j => Element(op.StackedElement(j))).ToArray();
        FinalCarries = Enumerable.Range(0, n).Select(j => Element(op.FinalCarryElement(j))).ToArray();
        CarryStacks = Enumerable.Range(0, n).Select(j => Element(op.CarryStackElement(j))).ToArray();
        Summed = Enumerable.Range(0, s).Select(j => Element(op.SummedElement(j))).ToArray();
        SavedResults = Enumerable.Range(0, program.Saved.Length).Select(j => Body.Values[program.SavedFetch(j)]).ToArray();
        Saved = Enumerable.Range(0, program.Saved.Length).Select(j => Element(op.ElementCount + j)).ToArray();
        // A new carry that is another carry's parameter (states swapped) would be overwritten mid-update: stage it.
        bool hazard = Enumerable.Range(0, n).Any(j => Enumerable.Range(0, n).Any(i => i != j && ReferenceEquals(CarryResults[j].Data, Carries[i].Data)));
        Staging = hazard ? Carries.Select(c => TensorBuffer.Zeros(c.DType, c.Dims)).ToArray() : null;
    }

    public Arena Body { get; }
    public int Steps { get; }
    public TensorBuffer[] Sequences { get; }
    public TensorBuffer?[] SequenceTargets { get; }
    public TensorBuffer[] Carries { get; }
    public TensorBuffer?[] Inits { get; }
    public TensorBuffer[] CarryResults { get; }
    public TensorBuffer[] StackedResults { get; }
    public TensorBuffer[] SummedResults { get; }
    public TensorBuffer?[] Stacked { get; }
    public TensorBuffer?[] FinalCarries { get; }
    public TensorBuffer?[] CarryStacks { get; }
    public TensorBuffer?[] Summed { get; }
    public TensorBuffer[] SavedResults { get; }
    public TensorBuffer?[] Saved { get; }
    public TensorBuffer[]? Staging { get; }
}
