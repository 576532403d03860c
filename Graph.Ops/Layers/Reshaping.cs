using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Flatten</c>: <c>(batch, d1, d2, …) → (batch, d1·d2·…)</c>. Accepts rank ≥ 2 (tf.keras; Keras 2.2.4
/// required rank ≥ 3, which only rejected the no-op case). Does not support masking.
/// </summary>
public sealed class Flatten : Layer
{
    /// <summary>A flatten layer.</summary>
    public Flatten(string? name = null) : base(name) => InputSpec = new InputSpec(minNdim: 2);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Flatten(inputs);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">a dimension after the batch is unknown (Keras's wording).</exception>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        long size = 1;
        for (int i = 1; i < inputShape.Rank; i++)
            size *= inputShape[i] ?? throw new ArgumentException(
                $"The shape of the input to \"Flatten\" is not fully defined (got {inputShape}). Make sure to pass a complete \"input_shape\" or \"batch_input_shape\" argument to the first layer in your model.");
        return new Shape(inputShape[0], checked((int)size));
    }
}

/// <summary>
/// Keras's <c>Reshape(target_shape)</c>: reshapes every sample to <see cref="TargetShape"/> (batch excluded); one −1
/// is inferred from the sample size. Does not support masking.
/// </summary>
public sealed class Reshape : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["target_shape"] = ConfigJson.Ints(TargetShape);
    }

    /// <summary>A reshape to <paramref name="targetShape"/>.</summary>
    public Reshape(int[] targetShape, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Count(d => d == -1) > 1) throw new ArgumentException("Can only specify one unknown dimension.", nameof(targetShape));
        if (targetShape.Any(d => d < -1)) throw new ArgumentException($"Invalid target shape ({string.Join(", ", targetShape)}).", nameof(targetShape));
        TargetShape = targetShape;
    }

    /// <summary>The sample shape wanted (−1 = inferred).</summary>
    public int[] TargetShape { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) =>
        G.Reshape(inputs, [-1, .. FixedTarget(inputs.Shape)]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        bool known = Enumerable.Range(1, inputShape.Rank - 1).All(i => inputShape[i] is not null);
        if (!known) return new Shape([inputShape[0], .. TargetShape.Select(d => d < 0 ? (int?)null : d)]);
        return new Shape([inputShape[0], .. FixedTarget(inputShape).Select(d => (int?)d)]);
    }

    /// <summary>Keras's <c>_fix_unknown_dimension</c>: the target with its −1 resolved from the sample size.</summary>
    private int[] FixedTarget(Shape inputShape)
    {
        long original = 1;
        for (int i = 1; i < inputShape.Rank; i++)
        {
            if (inputShape[i] is not { } d)
                return TargetShape.Contains(-1)
                    ? throw new ArgumentException($"Layer {Name}: cannot infer the unknown target dimension from input shape {inputShape}.")
                    : TargetShape;
            original *= d;
        }
        long known = TargetShape.Where(d => d >= 0).Aggregate(1L, (a, d) => a * d);
        var fixedShape = (int[])TargetShape.Clone();
        int unknown = Array.IndexOf(fixedShape, -1);
        if (unknown >= 0)
        {
            if (known == 0 || original % known != 0) throw new ArgumentException("total size of new array must be unchanged");
            fixedShape[unknown] = checked((int)(original / known));
        }
        else if (known != original) throw new ArgumentException("total size of new array must be unchanged");
        return fixedShape;
    }
}

/// <summary>Keras's <c>Permute(dims)</c>: permutes the axes after the batch; <see cref="Dims"/> are 1-based.</summary>
public sealed class Permute : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["dims"] = ConfigJson.Ints(Dims);
    }

    /// <summary>A permutation of the sample axes, e.g. <c>[2, 1]</c> swaps the two axes after the batch.</summary>
    public Permute(int[] dims, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (!dims.OrderBy(d => d).SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new ArgumentException($"Invalid permutation `dims` for Permute Layer: ({string.Join(", ", dims)}). The set of indices in `dims` must be consecutive and start from 1.", nameof(dims));
        Dims = dims;
        InputSpec = new InputSpec(ndim: dims.Length + 1);
    }

    /// <summary>The permutation (1-based).</summary>
    public int[] Dims { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Transpose(inputs, [0, .. Dims]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new([inputShape[0], .. Dims.Select(d => inputShape[d])]);
}

/// <summary>Keras's <c>RepeatVector(n)</c>: <c>(batch, features) → (batch, n, features)</c>.</summary>
public sealed class RepeatVector : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["n"] = N;
    }

    /// <summary>Repeats each sample <paramref name="n"/> times.</summary>
    public RepeatVector(int n, string? name = null) : base(name)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"RepeatVector needs n > 0; got {n}.");
        N = n;
        InputSpec = new InputSpec(ndim: 2);
    }

    /// <summary>The repetition count.</summary>
    public int N { get; }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.Tile(G.ExpandDims(inputs, 1), 1, N, 1);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], N, inputShape[1]);
}
