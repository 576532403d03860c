namespace Graph.Core.Structural;

/// <summary>
/// <c>pred ? then : else</c> with a scalar bool predicate; only the taken branch is computed. The compiler folds a
/// Switch whose predicate is known (a fed learning phase is known when the plan is compiled), otherwise it guards
/// the steps only one branch needs. Inputs: predicate, then, else.
/// </summary>
public sealed record SwitchOp : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 3) throw new ShapeRuleException($"expects 3 inputs (predicate, then, else), got {inputs.Length}.");
        if (inputs[0].DType != DType.Bool || inputs[0].Shape.Rank != 0)
            throw new ShapeRuleException($"input 0 (predicate) must be a scalar bool, got {inputs[0]}.");
        var (a, b) = (inputs[1], inputs[2]);
        if (a.DType != b.DType)
            throw new ShapeRuleException($"branches differ in dtype: input 1 is {a}, input 2 is {b}.");
        if (a.Shape.Rank != b.Shape.Rank)
            throw new ShapeRuleException($"branches differ in rank: input 1 is {a}, input 2 is {b}.");
        var dims = new int?[a.Shape.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            int? da = a.Shape[i], db = b.Shape[i];
            if (da is { } x && db is { } y && x != y)
                throw new ShapeRuleException($"branches differ in shape: input 1 is {a}, input 2 is {b}.");
            dims[i] = da ?? db;
        }
        return new(a.DType, new Shape(dims));
    }

    /// <summary>Copies the taken branch's value; the other branch was not computed.</summary>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var taken = inputs[0].Span<bool>()[0] ? inputs[1] : inputs[2];
        Array.Copy(taken.Data, output.Data, output.Length);
    }

    /// <summary>
    /// The gradient flows to the taken branch only: <c>Switch(pred, g, 0)</c> to then, <c>Switch(pred, 0, g)</c>
    /// to else — itself switched on the predicate, so a learning phase still binds at feed time.
    /// </summary>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var graph = node.Graph;
        var pred = node.Inputs[0];
        var zeros = graph.AddNode(new ZerosLikeOp(), [outputGradient]);
        return
        [
            null,
            graph.AddNode(new SwitchOp(), [pred, outputGradient, zeros]),
            graph.AddNode(new SwitchOp(), [pred, zeros, outputGradient]),
        ];
    }
}
