using Graph.Core;

namespace Graph.Ops.Convolution;

/// <summary>
/// Concrete geometry of a 2-D sliding window over NHWC data (a 1-D window is the same with height 1): batch, input
/// size, channels, window, output size, strides, dilation, and the padding before each spatial axis.
/// Element (n, oh, ow) of the output reads input rows <c>oh·SH + kh·DH − PadTop</c> and columns
/// <c>ow·SW + kw·DW − PadLeft</c>.
/// </summary>
internal readonly record struct WindowGeometry(
    int N, int IH, int IW, int C, int KH, int KW, int OH, int OW, int SH, int SW, int DH, int DW, int PadTop, int PadLeft)
{
    /// <summary>Geometry of <paramref name="inputDims"/> (rank 3 = NWC, rank 4 = NHWC) under a KH×KW window.</summary>
    public static WindowGeometry Of(ReadOnlySpan<int> inputDims, int kh, int kw, (int H, int W) strides, (int H, int W) dilation, Padding padding)
    {
        bool oneD = inputDims.Length == 3;
        int n = inputDims[0], ih = oneD ? 1 : inputDims[1], iw = inputDims[^2], c = inputDims[^1];
        int oh = OutputSize(ih, kh, strides.H, dilation.H, padding)!.Value;
        int ow = OutputSize(iw, kw, strides.W, dilation.W, padding)!.Value;
        return new(n, ih, iw, c, kh, kw, oh, ow, strides.H, strides.W, dilation.H, dilation.W,
            PadBefore(ih, kh, strides.H, dilation.H, padding), PadBefore(iw, kw, strides.W, dilation.W, padding));
    }

    /// <summary>Output positions per image.</summary>
    public int OutPixels => OH * OW;

    /// <summary>Length of one im2col row: the window's elements across channels.</summary>
    public int Patch => KH * KW * C;

    /// <summary>
    /// Output size along one axis (see <see cref="Padding"/>); null when the input size (or, for valid padding, the
    /// window) is unknown; negative when a valid window does not fit.
    /// </summary>
    public static int? OutputSize(int? input, int? window, int stride, int dilation, Padding padding)
    {
        if (input is not { } i) return null;
        if (padding == Padding.Same) return (i + stride - 1) / stride;
        if (window is not { } k) return null;
        int effective = (k - 1) * dilation + 1;
        return i < effective ? -1 : (i - effective) / stride + 1;
    }

    /// <summary>TF's padding before the first element: ⌊pad_total/2⌋ for same padding, 0 for valid.</summary>
    public static int PadBefore(int input, int window, int stride, int dilation, Padding padding)
    {
        if (padding == Padding.Valid) return 0;
        int output = (input + stride - 1) / stride, effective = (window - 1) * dilation + 1;
        return Math.Max((output - 1) * stride + effective - input, 0) / 2;
    }

    /// <summary>Parses Keras's padding string ("valid"/"same", any case).</summary>
    /// <exception cref="ArgumentException">any other string, naming the op.</exception>
    public static Padding ParsePadding(string padding, string op) => padding.ToLowerInvariant() switch
    {
        "valid" => Padding.Valid,
        "same" => Padding.Same,
        _ => throw new ArgumentException($"{op}: padding must be \"valid\" or \"same\", got \"{padding}\".", nameof(padding)),
    };

    /// <summary>Checks that window attributes are positive and the rank is 1 or 2, naming the op.</summary>
    public static void Validate(string op, int rank, (int H, int W) window, (int H, int W) strides, (int H, int W) dilation)
    {
        if (rank is not (1 or 2)) throw new ArgumentException($"{op}: spatial rank must be 1 or 2, got {rank}.");
        if (window.H < 1 || window.W < 1) throw new ArgumentException($"{op}: window sizes must be positive, got {Pair(rank, window)}.");
        if (strides.H < 1 || strides.W < 1) throw new ArgumentException($"{op}: strides must be positive, got {Pair(rank, strides)}.");
        if (dilation.H < 1 || dilation.W < 1) throw new ArgumentException($"{op}: dilation rates must be positive, got {Pair(rank, dilation)}.");
        if (rank == 1 && (window.H != 1 || strides.H != 1 || dilation.H != 1))
            throw new ArgumentException($"{op}: a 1-D window has height 1.");
    }

    /// <summary><c>(h, w)</c> for 2-D, <c>w</c> for 1-D: how attributes print.</summary>
    public static string Pair(int rank, (int H, int W) value) => rank == 1 ? $"{value.W}" : $"({value.H}, {value.W})";

    /// <summary>
    /// The output shape of a window op over <paramref name="input"/> (rank <paramref name="rank"/> + 2, channels
    /// last) with <paramref name="channels"/> output channels; spatial sizes may be unknown.
    /// </summary>
    /// <exception cref="ShapeRuleException">wrong rank, or a valid window larger than the (padded) input.</exception>
    public static Shape OutputShape(Shape input, int inputIndex, int rank, (int? H, int? W) window, (int H, int W) strides,
        (int H, int W) dilation, Padding padding, int? channels)
    {
        if (input.Rank != rank + 2)
            throw new ShapeRuleException($"input {inputIndex} must be rank {rank + 2} ({(rank == 1 ? "batch, width, channels" : "batch, height, width, channels")}), got shape {input}.");
        var dims = new int?[rank + 2];
        dims[0] = input[0];
        dims[^1] = channels;
        int? ow = OutputSize(input[-2], window.W, strides.W, dilation.W, padding);
        int? oh = rank == 1 ? 1 : OutputSize(input[1], window.H, strides.H, dilation.H, padding);
        if (ow < 0 || oh < 0)
            throw new ShapeRuleException($"the window {(rank == 1 ? $"{window.W}" : $"({window.H}, {window.W})")} with dilation {Pair(rank, dilation)} does not fit input {inputIndex} of shape {input} with valid padding.");
        dims[^2] = ow;
        if (rank == 2) dims[1] = oh;
        return new Shape(dims);
    }
}
