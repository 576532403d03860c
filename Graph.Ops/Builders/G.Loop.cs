using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>
    /// Keras's <c>K.rnn</c> as one loop op: runs <paramref name="step"/> once on step parameters to build the body
    /// (layers called in it create their weights normally), then scans <paramref name="inputs"/>
    /// <c>(batch, time, ...)</c> along time: <c>(yₜ, sₜ) = step(xₜ, sₜ₋₁)</c>. Returns the outputs stacked along time
    /// <c>(batch, time, ...)</c> in processing order (reversed input order when <paramref name="goBackwards"/>, as
    /// Keras), the last output (zeros for zero steps) and the final states. The time length may be unknown until
    /// the inputs are fed; one compiled plan serves every length.
    /// <para>With a <paramref name="mask"/> <c>(batch, time)</c> (bool), a masked step outputs the previous output
    /// (zeros before the first unmasked step) and carries every state unchanged, row by row (Keras 2.2.4, see
    /// KERAS_SEMANTICS §7.2): <c>y' = m·y + (1−m)·y_prev</c>, <c>s' = m·s + (1−m)·s_prev</c>.</para>
    /// The result is differentiable with respect to the inputs, the initial states and everything the step reads
    /// (backprop through time: a gradient loop over the step's gradient, running backwards).
    /// </summary>
    /// <exception cref="ArgumentException">inputs of rank below 3 ("Input should be at least 3D."), a mask without
    /// states or of the wrong type, or a step returning the wrong number of states.</exception>
    public static (Node Outputs, Node LastOutput, IReadOnlyList<Node> FinalStates) Scan(
        Func<Node, IReadOnlyList<Node>, (Node Output, IReadOnlyList<Node> NewStates)> step,
        Node inputs, IReadOnlyList<Node> initialStates, bool goBackwards = false, Node? mask = null)
    {
        if (inputs.Shape.Rank < 3)
            throw new ArgumentException($"Input should be at least 3D. Scan got {inputs.Type} for the inputs.", nameof(inputs));
        if (mask is not null)
        {
            if (initialStates.Count == 0)
                throw new ArgumentException("No initial states provided! When using masking in an RNN, you should provide initial states " +
                    "(and your step function should return as its first state at time `t` the output at time `t-1`).", nameof(mask));
            if (mask.DType != DType.Bool || mask.Shape.Rank != 2
                || !LoopBody.Compatible(mask.Shape, new Shape(inputs.Shape[0], inputs.Shape[1])))
                throw new ArgumentException($"Scan: the mask must be bool (batch, time) matching the inputs {inputs.Type}; got {mask.Type}.", nameof(mask));
        }
        var graph = inputs.Graph;
        Node Param(DType dtype, Shape shape, string name) => graph.AddNode(new PlaceholderOp(dtype, shape), [], name);

        var x = Param(inputs.DType, LoopOp.SliceShape(inputs.Shape), "scan_input");
        var states = initialStates.Select(s => Param(s.DType, s.Shape, "scan_state")).ToArray();
        var (output, newStates) = step(x, states);
        if (newStates.Count != states.Length)
            throw new ArgumentException($"Scan: the step received {states.Length} states but returned {newStates.Count}.", nameof(step));
        var previous = Param(output.DType, output.Shape, "scan_previous_output");

        List<Node> sequenceParams = [x];
        List<Node> sequences = [inputs];
        if (mask is not null)
        {
            var columns = new Dictionary<int, Node>();
            Node Column(int rank)
            {
                if (columns.TryGetValue(rank, out var known)) return known;
                var dims = Enumerable.Repeat<int?>(1, Math.Max(rank, 1)).ToArray();
                dims[0] = mask.Shape[0];
                var param = Param(DType.Bool, new Shape(dims), "scan_mask");
                sequenceParams.Add(param);
                sequences.Add(mask);
                return columns[rank] = Cast(param, output.DType);
            }
            Node Blend(Node value, Node carried) =>
                Add(Mul(Column(value.Shape.Rank), value), Mul(Sub(ScalarLike(value, 1), Column(value.Shape.Rank)), carried));
            output = Blend(output, previous);
            newStates = newStates.Select((s, j) => Blend(s, states[j])).ToArray();
        }

        var body = new LoopBody(sequenceParams, [.. states, previous], [output], [.. newStates, output], []);
        var loop = LoopOp.Build(body, sequences, [.. initialStates, null],
            Enumerable.Repeat(goBackwards, sequences.Count).ToArray(), [false], name: "Scan");
        var op = (LoopOp)loop.Op;
        Node Element(int e) => graph.AddNode(new TupleElementOp(e), [loop], "Scan_element");
        var finals = Enumerable.Range(0, states.Length).Select(j => Element(op.FinalCarryElement(j))).ToArray();
        return (Element(op.StackedElement(0)), Element(op.FinalCarryElement(states.Length)), finals);
    }

    /// <summary>
    /// The values <paramref name="bodyValue"/> (a node computed inside a loop's step) took at every iteration,
    /// stacked along time in processing order: what backprop keeps of a step's intermediates. The loop is given by
    /// its node or any of its projections (e.g. the outputs of <see cref="Scan"/>).
    /// </summary>
    /// <exception cref="GraphException">the loop's step does not compute <paramref name="bodyValue"/>.</exception>
    public static Node StackedValue(Node loop, Node bodyValue)
    {
        var tuple = loop.IsTuple ? loop : loop.Op is ProjectionOp ? loop.Inputs[0] : loop;
        return tuple.Graph.AddNode(new StackedValueOp(bodyValue), [tuple], "Saved");
    }
}
