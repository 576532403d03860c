using System.Buffers;
using System.Numerics;

namespace Graph.Ops.Convolution;

/// <summary>
/// Convolution kernels by im2col + GEMM, one image at a time. The im2col matrix of an image has one row per output
/// pixel and <c>KH·KW·C</c> columns ordered (kh, kw, c) — the row-major layout of a Keras kernel (kh, kw, in, out)
/// seen as a (KH·KW·C)×O matrix — so forward is <c>y = col·W</c>, the input gradient is <c>col2im(dy·Wᵀ)</c> and
/// the filter gradient is <c>Σ_n colᵀ·dy</c>. Padding reads as zero. Scratch comes from the array pool.
/// </summary>
internal static class ConvKernels
{
    /// <summary>y[n, oh, ow, o] = Σ_{kh,kw,c} x[n, oh·SH + kh·DH − PadTop, ow·SW + kw·DW − PadLeft, c]·w[kh, kw, c, o].</summary>
    public static void Forward<T>(in WindowGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y, int outChannels)
        where T : unmanaged, INumber<T>
    {
        int pixels = g.OutPixels, patch = g.Patch, inImage = g.IH * g.IW * g.C, outImage = pixels * outChannels;
        if (IsPointwise(g))
        {
            // NOTE: a 1×1 unit-stride unpadded window's im2col matrix is the input itself: one GEMM over the batch.
            ConvGemm.Multiply(false, false, g.N * pixels, outChannels, patch, x, patch, w, outChannels, y, outChannels, false);
            return;
        }
        var col = ArrayPool<T>.Shared.Rent(pixels * patch);
        try
        {
            for (int n = 0; n < g.N; n++)
            {
                Im2Col(g, x.Slice(n * inImage, inImage), col);
                ConvGemm.Multiply(false, false, pixels, outChannels, patch, col, patch, w, outChannels, y.Slice(n * outImage, outImage), outChannels, false);
            }
        }
        finally { ArrayPool<T>.Shared.Return(col); }
    }

    /// <summary>dx = Σ over windows of dy·Wᵀ scattered back to the input positions each window read.</summary>
    public static void BackpropInput<T>(in WindowGeometry g, ReadOnlySpan<T> dy, ReadOnlySpan<T> w, Span<T> dx, int outChannels)
        where T : unmanaged, INumber<T>
    {
        int pixels = g.OutPixels, patch = g.Patch, inImage = g.IH * g.IW * g.C, outImage = pixels * outChannels;
        if (IsPointwise(g))
        {
            ConvGemm.Multiply(false, true, g.N * pixels, patch, outChannels, dy, outChannels, w, outChannels, dx, patch, false);
            return;
        }
        dx.Clear();
        var col = ArrayPool<T>.Shared.Rent(pixels * patch);
        try
        {
            for (int n = 0; n < g.N; n++)
            {
                ConvGemm.Multiply(false, true, pixels, patch, outChannels, dy.Slice(n * outImage, outImage), outChannels, w, outChannels, col, patch, false);
                Col2ImAdd(g, col, dx.Slice(n * inImage, inImage));
            }
        }
        finally { ArrayPool<T>.Shared.Return(col); }
    }

    /// <summary>dw[kh, kw, c, o] = Σ_{n,oh,ow} x[n, oh·SH + kh·DH − PadTop, ow·SW + kw·DW − PadLeft, c]·dy[n, oh, ow, o].</summary>
    public static void BackpropFilter<T>(in WindowGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dw, int outChannels)
        where T : unmanaged, INumber<T>
    {
        int pixels = g.OutPixels, patch = g.Patch, inImage = g.IH * g.IW * g.C, outImage = pixels * outChannels;
        if (IsPointwise(g))
        {
            ConvGemm.Multiply(true, false, patch, outChannels, g.N * pixels, x, patch, dy, outChannels, dw, outChannels, false);
            return;
        }
        dw.Clear();
        var col = ArrayPool<T>.Shared.Rent(pixels * patch);
        try
        {
            for (int n = 0; n < g.N; n++)
            {
                Im2Col(g, x.Slice(n * inImage, inImage), col);
                ConvGemm.Multiply(true, false, patch, outChannels, pixels, col, patch, dy.Slice(n * outImage, outImage), outChannels, dw, outChannels, true);
            }
        }
        finally { ArrayPool<T>.Shared.Return(col); }
    }

    private static bool IsPointwise(in WindowGeometry g) =>
        g.KH == 1 && g.KW == 1 && g.SH == 1 && g.SW == 1 && g.PadTop == 0 && g.PadLeft == 0 && g.OH == g.IH && g.OW == g.IW;

    /// <summary>col[oh·OW + ow, (kh·KW + kw)·C + c] = image[ih, iw, c], or 0 where the window reads padding.</summary>
    private static void Im2Col<T>(in WindowGeometry g, ReadOnlySpan<T> image, Span<T> col) where T : unmanaged, INumber<T>
    {
        int c = g.C, patch = g.Patch;
        for (int oh = 0; oh < g.OH; oh++)
            for (int ow = 0; ow < g.OW; ow++)
            {
                var row = col.Slice((oh * g.OW + ow) * patch, patch);
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = oh * g.SH + kh * g.DH - g.PadTop;
                    for (int kw = 0; kw < g.KW; kw++)
                    {
                        int iw = ow * g.SW + kw * g.DW - g.PadLeft;
                        var dst = row.Slice((kh * g.KW + kw) * c, c);
                        if ((uint)ih < (uint)g.IH && (uint)iw < (uint)g.IW) image.Slice((ih * g.IW + iw) * c, c).CopyTo(dst);
                        else dst.Clear();
                    }
                }
            }
    }

    /// <summary>The adjoint of <see cref="Im2Col{T}"/>: adds each column entry back to the input element it was read from.</summary>
    private static void Col2ImAdd<T>(in WindowGeometry g, ReadOnlySpan<T> col, Span<T> image) where T : unmanaged, INumber<T>
    {
        int c = g.C, patch = g.Patch;
        for (int oh = 0; oh < g.OH; oh++)
            for (int ow = 0; ow < g.OW; ow++)
            {
                var row = col.Slice((oh * g.OW + ow) * patch, patch);
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = oh * g.SH + kh * g.DH - g.PadTop;
                    if ((uint)ih >= (uint)g.IH) continue;
                    for (int kw = 0; kw < g.KW; kw++)
                    {
                        int iw = ow * g.SW + kw * g.DW - g.PadLeft;
                        if ((uint)iw >= (uint)g.IW) continue;
                        var src = row.Slice((kh * g.KW + kw) * c, c);
                        var dst = image.Slice((ih * g.IW + iw) * c, c);
                        System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
                    }
                }
            }
    }
}
