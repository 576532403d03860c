using System.Numerics;
using System.Numerics.Tensors;

namespace Graph.Ops.Convolution;

/// <summary>
/// Pooling kernels by direct loops over NHWC data (1-D as height 1). Padded positions are ignored, never read as
/// zero: a max window takes the maximum of its valid elements and an average window divides by their count (TF's
/// "same" rule). Every window of a valid or same pooling contains at least one valid element.
/// </summary>
internal static class PoolKernels
{
    /// <summary>y[n, oh, ow, c] = max over the valid window elements of x.</summary>
    public static void MaxForward<T>(in WindowGeometry g, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>
    {
        int c = g.C;
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var dst = y.Slice(((n * g.OH + oh) * g.OW + ow) * c, c);
                    var (h0, h1, w0, w1) = Bounds(g, oh, ow);
                    x.Slice(((n * g.IH + h0) * g.IW + w0) * c, c).CopyTo(dst);
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++)
                            TensorPrimitives.Max(dst, x.Slice(((n * g.IH + ih) * g.IW + iw) * c, c), dst);
                }
    }

    /// <summary>y[n, oh, ow, c] = mean over the valid window elements of x.</summary>
    public static void AvgForward<T>(in WindowGeometry g, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>
    {
        int c = g.C;
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var dst = y.Slice(((n * g.OH + oh) * g.OW + ow) * c, c);
                    var (h0, h1, w0, w1) = Bounds(g, oh, ow);
                    dst.Clear();
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++)
                            TensorPrimitives.Add(dst, x.Slice(((n * g.IH + ih) * g.IW + iw) * c, c), dst);
                    TensorPrimitives.Multiply(dst, T.One / T.CreateChecked((h1 - h0) * (w1 - w0)), dst);
                }
    }

    /// <summary>dx[i] = Σ over the windows o containing i of dy[o] / count(o).</summary>
    public static void AvgBackward<T>(in WindowGeometry g, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, INumber<T>
    {
        int c = g.C;
        dx.Clear();
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var src = dy.Slice(((n * g.OH + oh) * g.OW + ow) * c, c);
                    var (h0, h1, w0, w1) = Bounds(g, oh, ow);
                    T scale = T.One / T.CreateChecked((h1 - h0) * (w1 - w0));
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++)
                        {
                            var dst = dx.Slice(((n * g.IH + ih) * g.IW + iw) * c, c);
                            TensorPrimitives.MultiplyAdd(src, scale, dst, dst);
                        }
                }
    }

    /// <summary>dx[argmax(o)] += dy[o]: each window's gradient goes to its (first) maximum.</summary>
    public static void MaxBackward<T>(in WindowGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, INumber<T>
    {
        dx.Clear();
        int o = 0;
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                    for (int ch = 0; ch < g.C; ch++, o++)
                        dx[ArgMax(g, x, n, oh, ow, ch)] += dy[o];
    }

    /// <summary>gy[o] = gx[argmax(o)]: the adjoint of <see cref="MaxBackward{T}"/> in dy.</summary>
    public static void MaxGather<T>(in WindowGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> gx, Span<T> gy) where T : unmanaged, INumber<T>
    {
        int o = 0;
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                    for (int ch = 0; ch < g.C; ch++, o++)
                        gy[o] = gx[ArgMax(g, x, n, oh, ow, ch)];
    }

    /// <summary>Flat index in x of the first maximum (row-major scan) of a window's channel <paramref name="ch"/>.</summary>
    private static int ArgMax<T>(in WindowGeometry g, ReadOnlySpan<T> x, int n, int oh, int ow, int ch) where T : unmanaged, INumber<T>
    {
        var (h0, h1, w0, w1) = Bounds(g, oh, ow);
        int best = ((n * g.IH + h0) * g.IW + w0) * g.C + ch;
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
            {
                int i = ((n * g.IH + ih) * g.IW + iw) * g.C + ch;
                if (x[i] > x[best]) best = i;
            }
        return best;
    }

    /// <summary>The valid rows [h0, h1) and columns [w0, w1) of output pixel (oh, ow)'s window.</summary>
    private static (int H0, int H1, int W0, int W1) Bounds(in WindowGeometry g, int oh, int ow)
    {
        int top = oh * g.SH - g.PadTop, left = ow * g.SW - g.PadLeft;
        return (Math.Max(top, 0), Math.Min(top + g.KH, g.IH), Math.Max(left, 0), Math.Min(left + g.KW, g.IW));
    }
}
