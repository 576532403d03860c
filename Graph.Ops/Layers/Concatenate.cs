using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Concatenate(axis=-1)</c>: joins inputs whose shapes match except along <see cref="Axis"/>. Output mask
/// (Keras 2): each input's mask (all true where none, expanded to the input's rank), concatenated along the axis, then
/// all-reduced over the last axis.
/// </summary>
public sealed class Concatenate : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["axis"] = Axis;
    }

    /// <summary>A concatenation along <paramref name="axis"/>.</summary>
    public Concatenate(int axis = -1, string? name = null) : base(name)
    {
        Axis = axis;
        SupportsMasking = true;
    }

    /// <summary>The axis joined along.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Shape> inputShapes) => ComputeOutputShape(inputShapes);

    /// <inheritdoc/>
    protected override IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks) =>
        [G.Concat(inputs, Axis)];

    /// <inheritdoc/>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count < 2)
            throw new ArgumentException("A `Concatenate` layer should be called on a list of at least 2 inputs");
        int rank = inputShapes[0].Rank;
        int axis = inputShapes[0].NormalizeAxis(Axis);
        var dims = inputShapes[0].Dims;
        foreach (var shape in inputShapes.Skip(1))
        {
            bool compatible = shape.Rank == rank && Enumerable.Range(0, rank).All(i =>
                i == axis || shape[i] is null || dims[i] is null || shape[i] == dims[i]);
            if (!compatible)
                throw new ArgumentException(
                    $"A `Concatenate` layer requires inputs with matching shapes except for the concat axis. Got inputs shapes: [{string.Join(", ", inputShapes)}]");
            for (int i = 0; i < rank; i++)
                dims[i] = i == axis ? (dims[i] is { } a && shape[i] is { } b ? a + b : null) : dims[i] ?? shape[i];
        }
        return [new Shape(dims)];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Node?> ComputeMask(IReadOnlyList<Node> inputs, IReadOnlyList<Node?> masks)
    {
        if (masks.All(m => m is null)) return [null];
        var full = inputs.Select((x, i) => masks[i] switch
        {
            null => G.Cast(G.OnesLike(x), DType.Bool),
            { } m when m.Shape.Rank < x.Shape.Rank => G.ExpandDims(m, -1),
            { } m => m,
        }).ToArray();
        return [G.All(G.Concat(full, Axis), -1)];
    }
}
