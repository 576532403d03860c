using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Dot(axes, normalize=False)</c>: the per-sample dot product of two inputs along the given axes (Keras's
/// <c>batch_dot</c>), optionally of L2-normalized inputs (cosine proximity). Output shape (Keras 2): the first
/// input's sample axes without its axis, then the second's without its axis; <c>(batch, 1)</c> when nothing is left.
/// Inputs of rank 2 and 3 may have unknown dimensions; higher ranks need them known besides the batch.
/// </summary>
public sealed class Dot : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["axes"] = ConfigJson.Ints(Axes);
        config["normalize"] = Normalize;
    }

    /// <summary>A dot product along <paramref name="axes"/> of both inputs.</summary>
    public Dot(int axes, bool normalize = false, string? name = null) : this([axes, axes], normalize, name) { }

    /// <summary>A dot product along <paramref name="axes"/>[0] of the first input and [1] of the second.</summary>
    public Dot(int[] axes, bool normalize = false, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length != 2) throw new ArgumentException("Invalid format for `axes` - should contain two elements.", nameof(axes));
        Axes = axes;
        Normalize = normalize;
    }

    /// <summary>The contracted axis of each input (negative counts from the end; 0 is the batch and not allowed).</summary>
    public int[] Axes { get; }

    /// <summary>Whether the inputs are L2-normalized along the axes first.</summary>
    public bool Normalize { get; }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Shape> inputShapes) => ComputeOutputShape(inputShapes);

    /// <inheritdoc/>
    protected override IReadOnlyList<Node> Call(IReadOnlyList<Node> inputs, TrainingArg training, IReadOnlyList<Node?> masks)
    {
        var (a0, a1) = NormalizedAxes(inputs[0].Shape, inputs[1].Shape);
        var x = inputs[0];
        var y = inputs[1];
        if (Normalize)
        {
            x = G.L2Normalize(x, [a0]);
            y = G.L2Normalize(y, [a1]);
        }
        if (x.Shape.Rank == 2 && y.Shape.Rank == 2) return [G.Sum(G.Mul(x, y), 1, keepDims: true)];
        // x → (batch, M, k) with its axis last; y → (batch, k, N) with its axis first after the batch; one batch matmul.
        var product = G.BatchMatMul(AsMatrices(MoveAxis(x, a0, x.Shape.Rank - 1), contractedLast: true),
            AsMatrices(MoveAxis(y, a1, 1), contractedLast: false));
        var outShape = ComputeOutputShape([inputs[0].Shape, inputs[1].Shape])[0];
        if (outShape.Rank == 3 && product.Shape.Rank == 3 && Enumerable.Range(1, 2).All(i => product.Shape[i] == outShape[i]))
            return [product];
        var target = outShape.Dims.Skip(1).Select(d => d ?? -1).ToArray();
        if (target.Any(d => d < 0))
            throw new ArgumentException($"Layer {Name}: Dot of {inputs[0].Shape} and {inputs[1].Shape} needs known dimensions besides the batch.");
        return [G.Reshape(product, [-1, .. target])];
    }

    private static Node MoveAxis(Node x, int from, int to)
    {
        if (from == to) return x;
        var perm = Enumerable.Range(0, x.Shape.Rank).Where(i => i != from).ToList();
        perm.Insert(to, from);
        return G.Transpose(x, [.. perm]);
    }

    /// <summary>Folds the free axes of a (batch, …) operand into one: (batch, M, k) or (batch, k, N); a vector gets a unit axis.</summary>
    private Node AsMatrices(Node v, bool contractedLast)
    {
        int rank = v.Shape.Rank;
        if (rank == 2) return G.ExpandDims(v, contractedLast ? 1 : 2);
        if (rank == 3) return v;
        var free = contractedLast ? v.Shape.Dims[1..^1] : v.Shape.Dims[2..];
        if (free.Any(d => d is null) || v.Shape[contractedLast ? -1 : 1] is not { } k)
            throw new ArgumentException($"Layer {Name}: Dot needs known dimensions besides the batch for rank-{rank} input {v.Shape}.");
        int m = free.Aggregate(1, (acc, d) => acc * d!.Value);
        return contractedLast ? G.Reshape(v, -1, m, k) : G.Reshape(v, -1, k, m);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count != 2) throw new ArgumentException("A `Dot` layer should be called on a list of 2 inputs.");
        var (s0, s1) = (inputShapes[0], inputShapes[1]);
        var (a0, a1) = NormalizedAxes(s0, s1);
        if (s0[a0] is { } d0 && s1[a1] is { } d1 && d0 != d1)
            throw new ArgumentException($"Dimension incompatibility {d0} != {d1}. Layer shapes: {s0}, {s1}");
        var dims = s0.Dims.Where((_, i) => i != a0).Concat(s1.Dims.Where((_, i) => i != a1).Skip(1)).ToList();
        if (dims.Count == 1) dims.Add(1);
        return [new Shape(dims.ToArray())];
    }

    private (int, int) NormalizedAxes(Shape s0, Shape s1)
    {
        if (s0.Rank < 2 || s1.Rank < 2)
            throw new ArgumentException($"Layer {Name}: Dot needs inputs of rank 2 or more; got {s0} and {s1}.");
        int a0 = s0.NormalizeAxis(Axes[0]), a1 = s1.NormalizeAxis(Axes[1]);
        if (a0 == 0 || a1 == 0) throw new ArgumentException($"Layer {Name}: cannot take the dot product along the batch axis.");
        return (a0, a1);
    }
}
