using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Runtime.Compilation;

/// <summary>
/// A compiled loop node: its body as a nested plan (compiled once with the outer plan, for the same phase) and
/// where the loop's values enter and leave it. Body fetches are, in order, the stacked results, the new carries,
/// the summed results and the saved values (body nodes some <see cref="StackedValueOp"/> of the plan reads);
/// body feeds are the sequence parameters, the carry parameters, then the captures bound to outer buffers.
/// The loop step's outputs are the tuple's elements followed by the saved values' stacks.
/// </summary>
internal sealed class LoopProgram
{
    public LoopProgram(LoopOp op, Plan body, int[] captureInputs, Node[] saved)
    {
        Op = op;
        Body = body;
        Saved = saved;
        int k = op.Body.SequenceParams.Count, n = op.Body.CarryParams.Count;
        SequenceFeeds = body.FeedValues[..k];
        CarryFeeds = body.FeedValues[k..(k + n)];
        CaptureInputs = captureInputs;
    }

    public LoopOp Op { get; }
    public Plan Body { get; }

    /// <summary>Body nodes whose per-iteration values the loop also stacks (intermediates backprop keeps).</summary>
    public Node[] Saved { get; }

    /// <summary>Per sequence: the body value its slice is copied into, or −1 when the body does not read it.</summary>
    public int[] SequenceFeeds { get; }

    /// <summary>Per carry: the body value it is copied into before each iteration, or −1 when unread.</summary>
    public int[] CarryFeeds { get; }

    /// <summary>Per bound body feed: the index, among the loop step's inputs, of the outer value it aliases.</summary>
    public int[] CaptureInputs { get; }

    /// <summary>Body value of stacked result j.</summary>
    public int StackedFetch(int j) => Body.Fetches[j];

    /// <summary>Body value of carry result j.</summary>
    public int CarryFetch(int j) => Body.Fetches[Op.Body.StackedResults.Count + j];

    /// <summary>Body value of summed result j.</summary>
    public int SummedFetch(int j) => Body.Fetches[Op.Body.StackedResults.Count + Op.Body.CarryResults.Count + j];

    /// <summary>Body value of saved node j.</summary>
    public int SavedFetch(int j) => Body.Fetches[Op.Body.StackedResults.Count + Op.Body.CarryResults.Count + Op.Body.SummedResults.Count + j];

    /// <summary>Number of outputs of the loop step: the tuple's elements, then the saved stacks.</summary>
    public int OutputCount => Op.ElementCount + Saved.Length;
}
