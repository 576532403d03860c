using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>K.rnn(step, inputs, initial_states, go_backwards, mask, constants, unroll)</c>: iterates
/// <c>(yₜ, sₜ) = step(xₜ, sₜ₋₁ ++ constants)</c> over the time axis of <c>inputs (batch, time, ...)</c>.
/// By default one loop op (<see cref="G.Scan"/>): one compiled plan for every sequence length, backprop through
/// time as a backward loop. <c>unroll: true</c> builds a copy of the step per timestep instead (the time length must
/// be known and above 1, Keras's rule). Masked steps output the previous output (zeros before the first unmasked
/// step) and carry every state (Keras 2.2.4). Outputs come back in processing order (reversed when going backwards).
/// </summary>
public static class RecurrentLoop
{
    /// <summary>The step function: the step input and the states (followed by the constants) → output and new states.</summary>
    public delegate (Node Output, IReadOnlyList<Node> NewStates) Step(Node input, IReadOnlyList<Node> states);

    /// <summary>Runs the recurrence; returns the last output, the stacked outputs and the final states (Keras's order).</summary>
    /// <exception cref="ArgumentException">inputs below rank 3 ("Input should be at least 3D."); a mask without states;
    /// unroll with an unknown or single timestep ("Cannot unroll a RNN if the time dimension is undefined or equal to 1.").</exception>
    public static (Node LastOutput, Node Outputs, IReadOnlyList<Node> States) Run(Step step, Node inputs,
        IReadOnlyList<Node> initialStates, Node? mask = null, bool goBackwards = false, bool unroll = false,
        IReadOnlyList<Node>? constants = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(initialStates);
        var extra = constants ?? [];
        if (mask is not null && mask.DType != DType.Bool) mask = G.Cast(mask, DType.Bool);
        if (!unroll)
        {
            var (outputs, last, finals) = G.Scan((x, s) => step(x, [.. s, .. extra]), inputs, initialStates, goBackwards, mask);
            return (last, outputs, finals);
        }
        return Unrolled(step, inputs, initialStates, mask, goBackwards, extra);
    }

    private static (Node, Node, IReadOnlyList<Node>) Unrolled(Step step, Node inputs, IReadOnlyList<Node> initialStates,
        Node? mask, bool goBackwards, IReadOnlyList<Node> constants)
    {
        if (inputs.Shape.Rank < 3)
            throw new ArgumentException($"Input should be at least 3D. K.Rnn got {inputs.Type} for the inputs.", nameof(inputs));
        if (inputs.Shape[1] is not { } steps || steps == 1)
            throw new ArgumentException("Cannot unroll a RNN if the time dimension is undefined or equal to 1. - If using a Sequential model, " +
                "specify the time dimension by passing an `input_shape` or `batch_input_shape` argument to your first layer. If your first layer " +
                $"is an Embedding, you can also use the `input_length` argument. - If using the functional API, specify the time dimension by passing a `shape` or `batch_shape` argument to your Input layer. (inputs: {inputs.Type})",
                nameof(inputs));
        if (mask is not null && initialStates.Count == 0)
            throw new ArgumentException("No initial states provided! When using masking in an RNN, you should provide initial states " +
                "(and your step function should return as its first state at time `t` the output at time `t-1`).", nameof(mask));
        var states = initialStates.ToArray();
        Node? previous = null;
        var outputs = new List<Node>(steps);
        for (int i = 0; i < steps; i++)
        {
            int t = goBackwards ? steps - 1 - i : i;
            var (output, newStates) = step(TimeSlice(inputs, t), [.. states, .. constants]);
            if (newStates.Count != states.Length)
                throw new ArgumentException($"K.Rnn: the step received {states.Length} states but returned {newStates.Count}.", nameof(step));
            if (mask is not null)
            {
                var m = G.Cast(TimeSlice(mask, t, keepDim: true), output.DType);
                Node Blend(Node value, Node carried) => G.Add(G.Mul(m, value), G.Mul(G.Sub(1.0, m), carried));
                output = Blend(output, previous ?? G.ZerosLike(output));
                newStates = newStates.Select((s, j) => Blend(s, states[j])).ToArray();
            }
            outputs.Add(output);
            previous = output;
            states = newStates.ToArray();
        }
        return (previous!, G.Stack(outputs, axis: 1), states);
    }

    /// <summary><c>x[:, t]</c> (or <c>x[:, t:t+1]</c> for a rank-2 mask column).</summary>
    private static Node TimeSlice(Node x, int t, bool keepDim = false)
    {
        int rank = x.Shape.Rank;
        var begin = new int[rank];
        var end = new int[rank];
        begin[1] = t;
        end[1] = t + 1;
        int all = ((1 << rank) - 1) & ~2;
        return G.StridedSlice(x, begin, end, beginMask: all, endMask: all, shrinkAxisMask: keepDim ? 0 : 2);
    }

    /// <summary><c>x[:, ::-1]</c>: a sequence reversed along time (Bidirectional's backward outputs).</summary>
    public static Node ReverseTime(Node x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rank = x.Shape.Rank;
        var strides = Enumerable.Repeat(1, rank).ToArray();
        strides[1] = -1;
        int all = (1 << rank) - 1;
        return G.StridedSlice(x, new int[rank], new int[rank], strides, beginMask: all, endMask: all);
    }
}
