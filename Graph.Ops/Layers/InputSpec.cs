using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>InputSpec</c>: what a layer accepts (rank bounds, known sizes of given axes, dtype). Checked by
/// <see cref="Layer.Apply(Node, TrainingArg, Node?)"/> before and after the layer is built, with Keras's wording.
/// </summary>
public sealed class InputSpec
{
    /// <summary>A spec; unspecified parts accept anything.</summary>
    public InputSpec(int? ndim = null, int? minNdim = null, int? maxNdim = null,
        IReadOnlyDictionary<int, int>? axes = null, DType? dtype = null)
    {
        Ndim = ndim;
        MinNdim = minNdim;
        MaxNdim = maxNdim;
        Axes = axes ?? new Dictionary<int, int>();
        DType = dtype;
    }

    /// <summary>Exact rank, or null.</summary>
    public int? Ndim { get; }

    /// <summary>Minimum rank, or null.</summary>
    public int? MinNdim { get; }

    /// <summary>Maximum rank, or null.</summary>
    public int? MaxNdim { get; }

    /// <summary>Axis (negative counts from the end) → required size.</summary>
    public IReadOnlyDictionary<int, int> Axes { get; }

    /// <summary>Required dtype, or null.</summary>
    public DType? DType { get; }

    /// <summary>Throws Keras's <c>ValueError</c> text when <paramref name="input"/> does not fit.</summary>
    /// <exception cref="ArgumentException">"Input 0 is incompatible with layer dense: expected min_ndim=2, found ndim=1".</exception>
    public void Check(Node input, int index, string layerName)
    {
        var shape = input.Shape;
        string prefix = $"Input {index} is incompatible with layer {layerName}: ";
        if (Ndim is { } n && shape.Rank != n)
            throw new ArgumentException($"{prefix}expected ndim={n}, found ndim={shape.Rank}");
        if (MinNdim is { } min && shape.Rank < min)
            throw new ArgumentException($"{prefix}expected min_ndim={min}, found ndim={shape.Rank}");
        if (MaxNdim is { } max && shape.Rank > max)
            throw new ArgumentException($"{prefix}expected max_ndim={max}, found ndim={shape.Rank}");
        if (DType is { } dtype && input.DType != dtype)
            throw new ArgumentException($"{prefix}expected dtype={dtype.Name()}, found dtype={input.DType.Name()}");
        foreach (var (axis, size) in Axes)
        {
            int a = axis < 0 ? axis + shape.Rank : axis;
            if (a < 0 || a >= shape.Rank || shape[a] is { } actual && actual != size)
                throw new ArgumentException($"{prefix}expected axis {axis} of input shape to have value {size} but got shape {shape}");
        }
    }
}
