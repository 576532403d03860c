namespace Graph.Core.Structural;

/// <summary>
/// Builds the gradient of a loop node: another loop, over the body's gradient, running backwards in time.
/// <para>Forward iteration i computes <c>(yᵢ, cᵢ₊₁, sᵢ) = body(xᵢ, cᵢ; W)</c>. With λ the gradient reaching a carry,
/// backward iteration j handles forward iteration <c>i = T−1−j</c>: it evaluates the body's vector–Jacobian
/// product at the output gradient <c>gyᵢ</c> and <c>λᵢ₊₁</c>, and yields <c>dxᵢ</c> (stacked back at xᵢ's time
/// index), <c>λᵢ</c> (carried, starting from the gradient of the final carries) and <c>dWᵢ</c>, summed over steps
/// into the gradient of the captured weights.</para>
/// <para>Every forward value the product reads is kept, not recomputed: the step inputs come from the sequences,
/// the carries from the forward loop's carry stacks, the outputs from its stacked outputs, and any other
/// intermediate (gates, dropout masks) from a <see cref="StackedValueOp"/> the forward loop also writes — memory
/// O(T × step values). The backward loop counts its iterations down, so a random op it would replay draws what
/// forward iteration i drew.</para>
/// </summary>
internal static class LoopGradient
{
    public static Node?[] Build(Node node, LoopOp op, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator)
    {
        var body = op.Body;
        var graph = node.Graph;
        int firstNew = graph.Nodes.Count;
        int k = body.SequenceParams.Count, n = body.CarryParams.Count;
        var (gradients, saved) = Group(op, projectionGradients, differentiator);
        Node Element(int e) => graph.AddNode(new TupleElementOp(e), [node]);
        Node NewParam(Node like, string name) => graph.AddNode(new PlaceholderOp(like.DType, like.Shape), [], name);

        var parameters = new List<Node>();
        var sequences = new List<Node>();
        var reverse = new List<bool>();
        void Sequence(Node param, Node sequence, bool reversed)
        {
            parameters.Add(param);
            sequences.Add(sequence);
            reverse.Add(reversed);
        }

        using var scope = graph.NameScope(node.Name + "_grad");
        var ys = new List<Node>();
        var seeds = new List<Node>();
        for (int j = 0; j < body.StackedResults.Count; j++)
        {
            if (gradients[op.StackedElement(j)] is not { } gy) continue;
            var dy = NewParam(body.StackedResults[j], "d_output");
            Sequence(dy, gy, !op.ReverseStacked[j]);
            ys.Add(body.StackedResults[j]);
            seeds.Add(dy);
        }
        foreach (var (value, g) in saved)
        {
            var dv = NewParam(value, "d_saved");
            Sequence(dv, g, true);
            ys.Add(value);
            seeds.Add(dv);
        }
        var stackSeeds = new Node?[n];
        for (int j = 0; j < n; j++)
        {
            if (gradients[op.CarryStackElement(j)] is not { } g) continue;
            stackSeeds[j] = NewParam(body.CarryParams[j], "d_carry_in");
            Sequence(stackSeeds[j]!, g, true);
        }
        var lambdas = new List<Node>();
        var lambdaInits = new List<Node?>();
        var floatCarries = Enumerable.Range(0, n).Where(j => body.CarryParams[j].DType.IsFloating()).ToArray();
        foreach (int j in floatCarries)
        {
            var lambda = NewParam(body.CarryParams[j], "d_carry");
            lambdas.Add(lambda);
            lambdaInits.Add(gradients[op.FinalCarryElement(j)] ?? graph.AddNode(new ZerosLikeOp(), [Element(op.FinalCarryElement(j))]));
            ys.Add(body.CarryResults[j]);
            seeds.Add(lambda);
        }
        for (int j = 0; j < body.SummedResults.Count; j++)
        {
            if (gradients[op.SummedElement(j)] is not { } g) continue;
            ys.Add(body.SummedResults[j]);
            seeds.Add(g);
        }
        if (ys.Count == 0) return new Node?[node.Inputs.Count];

        var floatSequences = Enumerable.Range(0, k).Where(j => body.SequenceParams[j].DType.IsFloating()).ToArray();
        var floatCaptures = Enumerable.Range(0, body.Captures.Count).Where(j => body.Captures[j].DType.IsFloating()).ToArray();
        Node[] wrt =
        [
            .. floatSequences.Select(j => body.SequenceParams[j]),
            .. floatCarries.Select(j => body.CarryParams[j]),
            .. floatCaptures.Select(j => body.Captures[j]),
        ];
        var vjp = differentiator.Gradients(ys, seeds, wrt);

        var stacked = new List<Node>();
        var stackedReverse = new List<bool>();
        var stackedOf = new int[k];
        Array.Fill(stackedOf, -1);
        for (int f = 0; f < floatSequences.Length; f++)
        {
            if (vjp[f] is not { } dx) continue;
            stackedOf[floatSequences[f]] = stacked.Count;
            stacked.Add(dx);
            stackedReverse.Add(!op.ReverseSequences[floatSequences[f]]);
        }
        var newLambdas = new List<Node>();
        for (int f = 0; f < floatCarries.Length; f++)
        {
            int j = floatCarries[f];
            // Zeros shaped by λ itself: a carry the step ignores must not make the forward loop keep its stack.
            var local = vjp[floatSequences.Length + f] ?? graph.AddNode(new ZerosLikeOp(), [lambdas[f]]);
            newLambdas.Add(stackSeeds[j] is { } extra ? differentiator.Add(local, extra) : local);
        }
        var summed = new List<Node>();
        var summedOf = new int[body.Captures.Count];
        Array.Fill(summedOf, -1);
        for (int f = 0; f < floatCaptures.Length; f++)
        {
            if (vjp[floatSequences.Length + floatCarries.Length + f] is not { } dw) continue;
            summedOf[floatCaptures[f]] = summed.Count;
            summed.Add(dw);
        }

        foreach (var value in ForwardValuesRead([.. stacked, .. newLambdas, .. summed], body, firstNew))
        {
            int j;
            if ((j = IndexOf(body.SequenceParams, value)) >= 0) Sequence(value, node.Inputs[j], !op.ReverseSequences[j]);
            else if ((j = IndexOf(body.CarryParams, value)) >= 0) Sequence(value, Element(op.CarryStackElement(j)), true);
            else if ((j = IndexOf(body.StackedResults, value)) >= 0) Sequence(value, Element(op.StackedElement(j)), !op.ReverseStacked[j]);
            else Sequence(value, graph.AddNode(new StackedValueOp(value), [node], "Saved"), true);
        }
        // The number of steps comes from the sequences; the step input never read costs nothing.
        if (!parameters.Contains(body.SequenceParams[0])) Sequence(body.SequenceParams[0], node.Inputs[0], !op.ReverseSequences[0]);

        var gradientBody = new LoopBody(parameters, lambdas, stacked, newLambdas, summed);
        var gradientOp = LoopOp.Build(gradientBody, sequences, lambdaInits, reverse, stackedReverse, !op.CountDown, "Loop");
        var gradientOf = (LoopOp)gradientOp.Op;
        Node Read(int e) => graph.AddNode(new TupleElementOp(e), [gradientOp]);

        var result = new Node?[node.Inputs.Count];
        for (int j = 0; j < k; j++)
            if (stackedOf[j] >= 0) result[j] = Read(gradientOf.StackedElement(stackedOf[j]));
        for (int f = 0; f < floatCarries.Length; f++)
            if (op.InitInput(floatCarries[f]) is var input and >= 0) result[input] = Read(gradientOf.FinalCarryElement(f));
        for (int j = 0; j < body.Captures.Count; j++)
            if (summedOf[j] >= 0) result[op.CaptureInput(j)] = Read(gradientOf.SummedElement(summedOf[j]));
        return result;
    }

    /// <summary>The gradient of each element and of each stacked body value, contributions of one part summed.</summary>
    private static (Node?[] Elements, List<(Node Value, Node Gradient)> Saved) Group(
        LoopOp op, IReadOnlyList<(Node Projection, Node Gradient)> projectionGradients, IDifferentiator differentiator)
    {
        var elements = new Node?[op.ElementCount];
        var saved = new List<(Node Value, Node Gradient)>();
        foreach (var (projection, g) in projectionGradients)
        {
            switch (projection.Op)
            {
                case TupleElementOp element:
                    elements[element.Index] = elements[element.Index] is { } e ? differentiator.Add(e, g) : g;
                    break;
                case StackedValueOp stack:
                    int i = saved.FindIndex(s => s.Value == stack.Value);
                    if (i < 0) saved.Add((stack.Value, g));
                    else saved[i] = (stack.Value, differentiator.Add(saved[i].Gradient, g));
                    break;
                default:
                    throw new InvalidOperationException($"A loop is not read by {projection.Op.Type} ('{projection.Name}').");
            }
        }
        return (elements, saved);
    }

    /// <summary>
    /// The forward body's values that the gradient step reads directly: walking from the gradient step's results
    /// through the nodes built for it (ids from <paramref name="firstNew"/> on), every forward body node reached
    /// (through a nested loop, its inputs).
    /// </summary>
    private static IEnumerable<Node> ForwardValuesRead(Node[] results, LoopBody body, int firstNew)
    {
        var read = new HashSet<Node>();
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(results);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            // A loop nested in the step is a tuple, which cannot be stacked: it is recomputed from its own inputs.
            if (body.Contains(n) && !n.IsTuple) read.Add(n);
            else if (n.Id >= firstNew || body.Contains(n))
                foreach (var input in n.Inputs) stack.Push(input);
        }
        return read.OrderBy(v => v.Id);
    }

    private static int IndexOf(IReadOnlyList<Node> nodes, Node node)
    {
        for (int i = 0; i < nodes.Count; i++)
            if (nodes[i] == node) return i;
        return -1;
    }
}
