using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>GlobalAveragePooling1D</c>: the mean over steps of <c>(batch, steps, features)</c>. With a mask it averages
/// only the valid steps, <c>Σ x·mask / Σ mask</c> (Keras 2: no epsilon, so an all-masked row gives NaN). No output mask.
/// </summary>
public sealed class GlobalAveragePooling1D : Layer
{
    /// <summary>A global average pooling over steps.</summary>
    public GlobalAveragePooling1D(string? name = null) : base(name)
    {
        SupportsMasking = true;
        InputSpec = new InputSpec(ndim: 3);
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        if (mask is null) return G.Mean(inputs, 1);
        var weights = G.ExpandDims(G.Cast(mask, inputs.DType), -1);
        return G.Div(G.Sum(G.Mul(inputs, weights), 1), G.Sum(weights, 1));
    }

    /// <inheritdoc/>
    public override Node? ComputeMask(Node inputs, Node? mask) => null;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], inputShape[2]);
}

/// <summary>
/// Keras's <c>GlobalMaxPooling1D</c>: the maximum over steps. With a mask, masked steps are ignored (they take the
/// lowest float value before the maximum); DESIGN §5 makes 1-D pooling honour masks. No output mask.
/// </summary>
public sealed class GlobalMaxPooling1D : Layer
{
    /// <summary>A global max pooling over steps.</summary>
    public GlobalMaxPooling1D(string? name = null) : base(name)
    {
        SupportsMasking = true;
        InputSpec = new InputSpec(ndim: 3);
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        if (mask is null) return G.Max(inputs, 1);
        var lowest = inputs.DType == DType.Float64 ? double.MinValue : float.MinValue;
        var valid = G.ExpandDims(mask, -1);
        return G.Max(G.Where(valid, inputs, G.Add(G.ZerosLike(inputs), lowest)), 1);
    }

    /// <inheritdoc/>
    public override Node? ComputeMask(Node inputs, Node? mask) => null;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], inputShape[2]);
}

/// <summary>Keras's <c>GlobalAveragePooling2D</c>: the mean over rows and columns of <c>(batch, rows, cols, channels)</c>.</summary>
public sealed class GlobalAveragePooling2D : Layer
{
    /// <summary>A global average pooling over the spatial axes.</summary>
    public GlobalAveragePooling2D(string? name = null) : base(name) => InputSpec = new InputSpec(ndim: 4);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Mean(inputs, [1, 2]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], inputShape[3]);
}

/// <summary>Keras's <c>GlobalMaxPooling2D</c>: the maximum over rows and columns.</summary>
public sealed class GlobalMaxPooling2D : Layer
{
    /// <summary>A global max pooling over the spatial axes.</summary>
    public GlobalMaxPooling2D(string? name = null) : base(name) => InputSpec = new InputSpec(ndim: 4);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Max(inputs, [1, 2]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], inputShape[3]);
}
