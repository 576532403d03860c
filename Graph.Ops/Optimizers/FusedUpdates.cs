using Graph.Core;

namespace Graph.Ops.Optimizers;

/// <summary>Shared shape rule of the fused optimizer ops: n float inputs of one dtype and shape.</summary>
internal static class FusedUpdates
{
    public static TensorType SameFloatType(ReadOnlySpan<TensorType> inputs, int count, string names)
    {
        if (inputs.Length != count) throw new ShapeRuleException($"expects {count} inputs {names}, got {inputs.Length}.");
        var first = inputs[0];
        if (!first.DType.IsFloating()) throw new ShapeRuleException($"input 0 must be float32 or float64, got {first}.");
        for (int i = 1; i < count; i++)
            if (inputs[i].DType != first.DType || !inputs[i].Shape.Equals(first.Shape))
                throw new ShapeRuleException($"input {i} is {inputs[i]}; input 0 is {first} (all must match).");
        return first;
    }
}
