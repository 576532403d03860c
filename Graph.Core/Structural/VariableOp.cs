namespace Graph.Core.Structural;

/// <summary>
/// A persistent value living in a <see cref="VariableStore"/>, first filled by <paramref name="Initializer"/> with
/// <paramref name="Seed"/>. Reading it costs nothing: the compiler binds the store's buffer directly.
/// </summary>
public sealed record VariableOp(DType DType, Shape Shape, IInitializer Initializer, ulong Seed, bool Trainable) : Op
{
    /// <inheritdoc/>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs) => new(DType, Shape);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [];

    /// <inheritdoc/>
    public override string AttributeText => $"{DType.Name()} {Shape} {Initializer.Name}";
}

/// <summary>
/// <c>variable := value</c>. Its result is the new value. The assignment is an update: a run computes every update
/// first and commits them together at the end, so fetched values are pre-update and a failed run changes nothing.
/// Inputs: the variable node, the value.
/// </summary>
public sealed record AssignOp : Op
{
    /// <inheritdoc/>
    public override bool IsPure => false;

    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 2) throw new ShapeRuleException($"expects 2 inputs (variable, value), got {inputs.Length}.");
        var (target, value) = (inputs[0], inputs[1]);
        if (target.DType != value.DType)
            throw new ShapeRuleException($"input 1 (value) is {value.DType.Name()}, the variable is {target.DType.Name()}.");
        if (value.Shape.Rank != target.Shape.Rank)
            throw new ShapeRuleException($"input 1 (value) has shape {value.Shape}, the variable {target.Shape}.");
        for (int i = 0; i < value.Shape.Rank; i++)
            if (value.Shape[i] is { } d && d != target.Shape[i])
                throw new ShapeRuleException($"input 1 (value) has shape {value.Shape}, the variable {target.Shape}.");
        return target;
    }

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) => [null, null];
}
