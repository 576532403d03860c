using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>_Merge</c>: an elementwise merge of a list of at least two inputs. Sample shapes broadcast (numpy
/// rules after the batch); inputs of lower rank are expanded at axis 1 first, as Keras 2 does. The output mask is the
/// logical and of the given masks (none when no input has one).
/// </summary>
public abstract class Merge : Layer
{
    /// <summary>A merge layer.</summary>
    protected Merge(string? name) : base(name) => SupportsMasking = true;

    /// <summary>The merge of inputs already of one rank.</summary>
    protected abstract Node MergeFunction(IReadOnlyList<Node> inputs);

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Shape> inputShapes) => ComputeOutputShape(inputShapes);

    /// <inheritdoc/>
    protected override IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks)
    {
        CheckCount(inputs.Count);
        int maxRank = inputs.Max(x => x.Shape.Rank);
        var expanded = inputs.Select(x =>
        {
            for (int r = x.Shape.Rank; r < maxRank; r++) x = G.ExpandDims(x, 1);
            return x;
        }).ToArray();
        return [MergeFunction(expanded)];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        CheckCount(inputShapes.Count);
        var sample = inputShapes[0].Dims.Skip(1).ToArray();
        foreach (var shape in inputShapes.Skip(1))
        {
            var other = shape.Dims.Skip(1).ToArray();
            var merged = Shape.TryBroadcast(new Shape(sample), new Shape(other))
                ?? throw new ArgumentException($"Operands could not be broadcast together with shapes {new Shape(sample)} {new Shape(other)}");
            sample = merged.Dims;
        }
        // Keras: the known batch sizes, if they agree; unknown otherwise.
        var batches = inputShapes.Select(s => s[0]).Where(b => b is not null).Distinct().ToArray();
        int? batch = batches.Length == 1 ? batches[0] : null;
        return [new Shape([batch, .. sample])];
    }

    /// <summary>Keras: the logical and of the non-null masks, or none.</summary>
    public override IReadOnlyList<Node?> ComputeMask(IReadOnlyList<Node> inputs, IReadOnlyList<Node?> masks)
    {
        var given = masks.Where(m => m is not null).Select(m => m!).ToArray();
        if (given.Length == 0) return [null];
        var all = given[0];
        foreach (var m in given.Skip(1)) all = G.LogicalAnd(all, m);
        return [all];
    }

    /// <summary>Throws Keras's error when fewer than two inputs are given.</summary>
    protected virtual void CheckCount(int count)
    {
        if (count < 2) throw new ArgumentException($"A merge layer should be called on a list of at least 2 inputs. Got {count} inputs.");
    }
}

/// <summary>Keras's <c>Add</c>: the elementwise sum.</summary>
public sealed class Add(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Node MergeFunction(IReadOnlyList<Node> inputs) => inputs.Skip(1).Aggregate(inputs[0], G.Add);
}

/// <summary>Keras's <c>Subtract</c>: <c>a − b</c> of exactly two inputs.</summary>
public sealed class Subtract(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Node MergeFunction(IReadOnlyList<Node> inputs) => G.Sub(inputs[0], inputs[1]);

    /// <inheritdoc/>
    protected override void CheckCount(int count)
    {
        if (count != 2) throw new ArgumentException("A `Subtract` layer should be called on exactly 2 inputs");
    }
}

/// <summary>Keras's <c>Multiply</c>: the elementwise product.</summary>
public sealed class Multiply(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Node MergeFunction(IReadOnlyList<Node> inputs) => inputs.Skip(1).Aggregate(inputs[0], G.Mul);
}

/// <summary>Keras's <c>Average</c>: the elementwise sum divided by the number of inputs.</summary>
public sealed class Average(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Node MergeFunction(IReadOnlyList<Node> inputs) =>
        G.Div(inputs.Skip(1).Aggregate(inputs[0], G.Add), inputs.Count);
}

/// <summary>Keras's <c>Maximum</c>: the elementwise maximum.</summary>
public sealed class Maximum(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Node MergeFunction(IReadOnlyList<Node> inputs) => inputs.Skip(1).Aggregate(inputs[0], G.Maximum);
}

/// <summary>Keras's <c>Minimum</c>: the elementwise minimum.</summary>
public sealed class Minimum(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Node MergeFunction(IReadOnlyList<Node> inputs) => inputs.Skip(1).Aggregate(inputs[0], G.Minimum);
}
