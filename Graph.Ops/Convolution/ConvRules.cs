using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>Shape/dtype checks shared by the convolution op and its two gradient ops.</summary>
internal static class ConvRules
{
    /// <summary>
    /// Checks a kernel (rank + 2: ([kh,] kw, in, out)) against an input (rank + 2, channels last) and returns the
    /// window (kh = 1 for 1-D) and the output channels.
    /// </summary>
    public static ((int? H, int? W) Window, int? OutChannels) Kernel(int rank, TensorType input, int inputIndex, TensorType kernel, int kernelIndex)
    {
        if (!input.DType.IsFloating() || input.DType != kernel.DType)
            throw new ShapeRuleException($"inputs {inputIndex} and {kernelIndex} must share a float dtype, got {input.DType.Name()} and {kernel.DType.Name()}.");
        if (kernel.Shape.Rank != rank + 2)
            throw new ShapeRuleException($"input {kernelIndex} (the kernel) must be rank {rank + 2} ({(rank == 1 ? "width" : "height, width")}, in, out), got shape {kernel.Shape}.");
        if (input.Shape.Rank == rank + 2 && input.Shape[-1] is { } c && kernel.Shape[-2] is { } ci && c != ci)
            throw new ShapeRuleException($"input {inputIndex} of shape {input.Shape} has {c} channels but the kernel (input {kernelIndex}) of shape {kernel.Shape} expects {ci}.");
        return ((rank == 1 ? 1 : kernel.Shape[0], kernel.Shape[-3]), kernel.Shape[-1]);
    }

    /// <summary>Checks that a given output gradient (input <paramref name="index"/>) fits the shape the forward op gives.</summary>
    public static void Matches(TensorType actual, int index, Shape expected, DType dtype)
    {
        if (actual.DType != dtype)
            throw new ShapeRuleException($"input {index} must be {dtype.Name()}, got {actual.DType.Name()}.");
        if (actual.Shape.Rank != expected.Rank)
            throw new ShapeRuleException($"input {index} of shape {actual.Shape} must have the forward output's shape {expected}.");
        for (int i = 0; i < expected.Rank; i++)
            if (actual.Shape[i] is { } a && expected[i] is { } e && a != e)
                throw new ShapeRuleException($"input {index} of shape {actual.Shape} must have the forward output's shape {expected}.");
    }

    /// <summary>Throws unless there are exactly <paramref name="count"/> inputs.</summary>
    public static void Count(ReadOnlySpan<TensorType> inputs, int count, string what)
    {
        if (inputs.Length != count) throw new ShapeRuleException($"expects {count} inputs ({what}), got {inputs.Length}.");
    }

    /// <summary>The window (kh, kw) of a concrete kernel buffer.</summary>
    public static (int H, int W) Window(int rank, TensorBuffer kernel) => (rank == 1 ? 1 : kernel.Dims[0], kernel.Dims[^3]);

    /// <summary><c>strides=…, padding=…[, dilation=…]</c> as dumps show it.</summary>
    public static string Text(int rank, (int H, int W) strides, Padding padding, (int H, int W) dilation) =>
        $"{rank}d strides={WindowGeometry.Pair(rank, strides)} padding={padding.ToString().ToLowerInvariant()}" +
        (dilation == (1, 1) ? "" : $" dilation={WindowGeometry.Pair(rank, dilation)}");
}
