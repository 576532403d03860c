using Graph.Core;
using Graph.Ops.Convolution;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>
    /// Keras <c>K.conv1d</c>, channels last: x (N, W, C), kernel (KW, C, O) → (N, W', O) with
    /// <c>y[n, w, o] = Σ_{k,c} x[n, w·stride + k·dilation − pad, c]·kernel[k, c, o]</c> (cross-correlation);
    /// padding "valid" or "same" (TF's asymmetric split, extra on the end).
    /// </summary>
    /// <exception cref="ArgumentException">a non-positive stride/dilation or an unknown padding string.</exception>
    public static Node Conv1D(Node x, Node kernel, int stride = 1, string padding = "valid", int dilation = 1)
    {
        WindowGeometry.Validate("Conv1D", 1, (1, 1), (1, stride), (1, dilation));
        return Apply(new ConvOp(1, (1, stride), WindowGeometry.ParsePadding(padding, "Conv1D"), (1, dilation)), x, kernel);
    }

    /// <summary>
    /// Keras <c>K.conv2d</c>, channels last: x (N, H, W, C), kernel (KH, KW, C, O) → (N, H', W', O) with
    /// <c>y[n, h, w, o] = Σ x[n, h·SH + kh·DH − pad_top, w·SW + kw·DW − pad_left, c]·kernel[kh, kw, c, o]</c>;
    /// <paramref name="strides"/> and <paramref name="dilation"/> are (height, width), default (1, 1).
    /// </summary>
    /// <exception cref="ArgumentException">a non-positive stride/dilation or an unknown padding string.</exception>
    public static Node Conv2D(Node x, Node kernel, (int, int)? strides = null, string padding = "valid", (int, int)? dilation = null)
    {
        var (s, d) = (strides ?? (1, 1), dilation ?? (1, 1));
        WindowGeometry.Validate("Conv2D", 2, (1, 1), s, d);
        return Apply(new ConvOp(2, s, WindowGeometry.ParsePadding(padding, "Conv2D"), d), x, kernel);
    }

    /// <summary>Keras <c>MaxPooling1D</c>: x (N, W, C), the maximum of each window; stride defaults to the pool size.</summary>
    public static Node MaxPool1D(Node x, int poolSize, int? stride = null, string padding = "valid") =>
        Apply(Pool1D("MaxPool1D", poolSize, stride, padding, (r, w, s, p) => new MaxPoolOp(r, w, s, p)), x);

    /// <summary>Keras <c>AveragePooling1D</c>: x (N, W, C), the mean of each window's valid elements; stride defaults to the pool size.</summary>
    public static Node AvgPool1D(Node x, int poolSize, int? stride = null, string padding = "valid") =>
        Apply(Pool1D("AvgPool1D", poolSize, stride, padding, (r, w, s, p) => new AvgPoolOp(r, w, s, p)), x);

    /// <summary>Keras <c>MaxPooling2D</c>: x (N, H, W, C), the maximum of each window; strides default to the pool size.</summary>
    public static Node MaxPool2D(Node x, (int, int) poolSize, (int, int)? strides = null, string padding = "valid") =>
        Apply(Pool2D("MaxPool2D", poolSize, strides, padding, (r, w, s, p) => new MaxPoolOp(r, w, s, p)), x);

    /// <summary>Keras <c>AveragePooling2D</c>: x (N, H, W, C), the mean of each window's valid elements; strides default to the pool size.</summary>
    public static Node AvgPool2D(Node x, (int, int) poolSize, (int, int)? strides = null, string padding = "valid") =>
        Apply(Pool2D("AvgPool2D", poolSize, strides, padding, (r, w, s, p) => new AvgPoolOp(r, w, s, p)), x);

    private delegate Op PoolFactory(int rank, (int H, int W) window, (int H, int W) strides, Padding padding);

    private static Op Pool1D(string name, int poolSize, int? stride, string padding, PoolFactory make)
    {
        WindowGeometry.Validate(name, 1, (1, poolSize), (1, stride ?? poolSize), (1, 1));
        return make(1, (1, poolSize), (1, stride ?? poolSize), WindowGeometry.ParsePadding(padding, name));
    }

    private static Op Pool2D(string name, (int, int) poolSize, (int, int)? strides, string padding, PoolFactory make)
    {
        WindowGeometry.Validate(name, 2, poolSize, strides ?? poolSize, (1, 1));
        return make(2, poolSize, strides ?? poolSize, WindowGeometry.ParsePadding(padding, name));
    }
}
