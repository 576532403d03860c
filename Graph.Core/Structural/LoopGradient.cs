namespace Graph.Core.Structural;

/// <summary>
/// Builds the gradient of a loop node: another loop, over the body's gradient, running backwards in time.
/// <para>Forward iteration i computes <c>(yᵢ, cᵢ₊₁, sᵢ) = body(xᵢ, cᵢ; W)</c>. With λ the gradient reaching a carry,
/// backward iteration j handles forward iteration <c>i = T−1−j</c>: it reads <c>xᵢ</c>, the carry <c>cᵢ</c> from the
/// forward loop's carry stack and <c>yᵢ</c> from its stacked output (kept, not recomputed), evaluates the body's
/// vector–Jacobian product at the output gradient <c>gyᵢ</c> and <c>λᵢ₊₁</c>, and yields <c>dxᵢ</c> (stacked back at
/// time index i), <c>λᵢ</c> (carried; starting from the gradient of the final carries) and <c>dWᵢ</c>, summed over
/// steps into the gradient of the captured weights. Intermediates of the step that are neither an output nor a
/// carry are recomputed from <c>(xᵢ, cᵢ)</c> inside the backward step, so memory stays O(T × state). The backward
/// loop counts its iterations down, so random ops replayed in it (a dropout inside the step) draw exactly what
/// forward iteration i drew.</para>
/// </summary>
internal static class LoopGradient
{
    public static Node?[] Build(Node node, LoopOp op, IReadOnlyList<Node?> gradients, IDifferentiator differentiator)
    {
        var body = op.Body;
        var graph = node.Graph;
        int k = body.SequenceParams.Count, n = body.CarryParams.Count;
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

        for (int j = 0; j < k; j++) Sequence(body.SequenceParams[j], node.Inputs[j], !op.ReverseSequences[j]);
        for (int j = 0; j < n; j++) Sequence(body.CarryParams[j], Element(op.CarryStackElement(j)), true);
        for (int j = 0; j < body.StackedResults.Count; j++)
        {
            var y = body.StackedResults[j];
            if (body.Contains(y) && !parameters.Contains(y)) Sequence(y, Element(op.StackedElement(j)), !op.ReverseStacked[j]);
        }

        var ys = new List<Node>();
        var seeds = new List<Node>();
        using var scope = graph.NameScope(node.Name + "_grad");
        for (int j = 0; j < body.StackedResults.Count; j++)
        {
            if (gradients[op.StackedElement(j)] is not { } gy) continue;
            var dy = NewParam(body.StackedResults[j], "d_output");
            Sequence(dy, gy, !op.ReverseStacked[j]);
            ys.Add(body.StackedResults[j]);
            seeds.Add(dy);
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
            var local = vjp[floatSequences.Length + f] ?? graph.AddNode(new ZerosLikeOp(), [body.CarryParams[j]]);
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
}
