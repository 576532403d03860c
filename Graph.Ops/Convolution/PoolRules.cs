using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>Shape/dtype checks and dump text shared by the pooling ops and their gradients.</summary>
internal static class PoolRules
{
    /// <summary>The pooled shape of input <paramref name="index"/> (rank + 2, float, channels last).</summary>
    public static Shape Pooled(int rank, TensorType input, int index, (int H, int W) window, (int H, int W) strides, Padding padding)
    {
        if (!input.DType.IsFloating())
            throw new ShapeRuleException($"input {index} must be float, got {input.DType.Name()}.");
        return WindowGeometry.OutputShape(input.Shape, index, rank, window, strides, (1, 1), padding, input.Shape.Rank == rank + 2 ? input.Shape[-1] : null);
    }

    /// <summary>Concrete geometry of a pooling over input dims <paramref name="inputDims"/>.</summary>
    public static WindowGeometry Geometry(ReadOnlySpan<int> inputDims, (int H, int W) window, (int H, int W) strides, Padding padding) =>
        WindowGeometry.Of(inputDims, window.H, window.W, strides, (1, 1), padding);

    /// <summary><c>2d pool=(2, 2) strides=(2, 2) padding=valid</c>.</summary>
    public static string Text(int rank, (int H, int W) window, (int H, int W) strides, Padding padding) =>
        $"{rank}d pool={WindowGeometry.Pair(rank, window)} strides={WindowGeometry.Pair(rank, strides)} padding={padding.ToString().ToLowerInvariant()}";
}
