using Graph.Ops.Convolution;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    /// <summary>Naive window geometry, written independently of the library: TF's padding rule per axis.</summary>
    private sealed record Window(int N, int IH, int IW, int C, int KH, int KW, int OH, int OW, int SH, int SW, int DH, int DW, int PT, int PL, bool OneD)
    {
        public static Window Of(int[] xDims, int kh, int kw, (int H, int W) s, (int H, int W) d, Padding padding)
        {
            bool oneD = xDims.Length == 3;
            int ih = oneD ? 1 : xDims[1], iw = xDims[^2];
            var (oh, pt) = Axis(ih, kh, s.H, d.H, padding);
            var (ow, pl) = Axis(iw, kw, s.W, d.W, padding);
            return new(xDims[0], ih, iw, xDims[^1], kh, kw, oh, ow, s.H, s.W, d.H, d.W, pt, pl, oneD);
        }

        private static (int Out, int PadBefore) Axis(int input, int k, int s, int d, Padding padding)
        {
            int eff = (k - 1) * d + 1;
            if (padding == Padding.Valid) return ((int)Math.Ceiling((input - eff + 1) / (double)s), 0);
            int output = (int)Math.Ceiling(input / (double)s);
            return (output, Math.Max((output - 1) * s + eff - input, 0) / 2);
        }

        public int X(int n, int h, int w, int c) => ((n * IH + h) * IW + w) * C + c;
        public int Y(int n, int h, int w, int c, int channels) => ((n * OH + h) * OW + w) * channels + c;
        public int[] InDims => OneD ? [N, IW, C] : [N, IH, IW, C];
        public int[] OutDims(int channels) => OneD ? [N, OW, channels] : [N, OH, OW, channels];
        public bool Inside(int h, int w) => h >= 0 && h < IH && w >= 0 && w < IW;

        /// <summary>Calls f(n, oh, ow, ih, iw, kh, kw) for every window tap that reads inside x.</summary>
        public void Taps(Action<int, int, int, int, int, int, int> f)
        {
            for (int n = 0; n < N; n++)
                for (int oh = 0; oh < OH; oh++)
                    for (int ow = 0; ow < OW; ow++)
                        for (int kh = 0; kh < KH; kh++)
                            for (int kw = 0; kw < KW; kw++)
                            {
                                int ih = oh * SH + kh * DH - PT, iw = ow * SW + kw * DW - PL;
                                if (Inside(ih, iw)) f(n, oh, ow, ih, iw, kh, kw);
                            }
        }
    }

    static partial void AddConvolution(Dictionary<Type, Kernel> table)
    {
        table[typeof(ConvOp)] = (op, x) =>
        {
            var o = (ConvOp)op;
            return Conv(x[0], x[1], o.Rank, o.Strides, o.Padding, o.Dilation);
        };
        table[typeof(ConvBackpropInputOp)] = (op, x) =>
        {
            var o = (ConvBackpropInputOp)op;
            var (dy, w) = (x[0], x[1]);
            var g = Window.Of(x[2].Dims, o.Rank == 1 ? 1 : w.Dims[0], w.Dims[^3], o.Strides, o.Dilation, o.Padding);
            int co = w.Dims[^1];
            var dx = new double[x[2].Length];
            g.Taps((n, oh, ow, ih, iw, kh, kw) =>
            {
                for (int c = 0; c < g.C; c++)
                    for (int k = 0; k < co; k++)
                        dx[g.X(n, ih, iw, c)] += dy.Data[g.Y(n, oh, ow, k, co)] * w.Data[((kh * g.KW + kw) * g.C + c) * co + k];
            });
            return new RefValue(g.InDims, dx);
        };
        table[typeof(ConvBackpropFilterOp)] = (op, x) =>
        {
            var o = (ConvBackpropFilterOp)op;
            var (input, dy, w) = (x[0], x[1], x[2]);
            var g = Window.Of(input.Dims, o.Rank == 1 ? 1 : w.Dims[0], w.Dims[^3], o.Strides, o.Dilation, o.Padding);
            int co = w.Dims[^1];
            var dw = new double[w.Length];
            g.Taps((n, oh, ow, ih, iw, kh, kw) =>
            {
                for (int c = 0; c < g.C; c++)
                    for (int k = 0; k < co; k++)
                        dw[((kh * g.KW + kw) * g.C + c) * co + k] += input.Data[g.X(n, ih, iw, c)] * dy.Data[g.Y(n, oh, ow, k, co)];
            });
            return new RefValue(w.Dims, dw);
        };
        table[typeof(MaxPoolOp)] = (op, x) =>
        {
            var o = (MaxPoolOp)op;
            var g = Window.Of(x[0].Dims, o.Window.H, o.Window.W, o.Strides, (1, 1), o.Padding);
            var y = Enumerable.Repeat(double.NegativeInfinity, g.N * g.OH * g.OW * g.C).ToArray();
            g.Taps((n, oh, ow, ih, iw, _, _) =>
            {
                for (int c = 0; c < g.C; c++) y[g.Y(n, oh, ow, c, g.C)] = Math.Max(y[g.Y(n, oh, ow, c, g.C)], x[0].Data[g.X(n, ih, iw, c)]);
            });
            return new RefValue(g.OutDims(g.C), y);
        };
        table[typeof(AvgPoolOp)] = (op, x) =>
        {
            var o = (AvgPoolOp)op;
            var g = Window.Of(x[0].Dims, o.Window.H, o.Window.W, o.Strides, (1, 1), o.Padding);
            var (sum, count) = (new double[g.N * g.OH * g.OW * g.C], new int[g.N * g.OH * g.OW * g.C]);
            g.Taps((n, oh, ow, ih, iw, _, _) =>
            {
                for (int c = 0; c < g.C; c++) { sum[g.Y(n, oh, ow, c, g.C)] += x[0].Data[g.X(n, ih, iw, c)]; count[g.Y(n, oh, ow, c, g.C)]++; }
            });
            return new RefValue(g.OutDims(g.C), sum.Select((s, i) => s / count[i]).ToArray());
        };
        table[typeof(AvgPoolGradOp)] = (op, x) =>
        {
            var o = (AvgPoolGradOp)op;
            var g = Window.Of(x[1].Dims, o.Window.H, o.Window.W, o.Strides, (1, 1), o.Padding);
            var count = new int[g.N * g.OH * g.OW];
            g.Taps((n, oh, ow, _, _, _, _) => count[(n * g.OH + oh) * g.OW + ow]++);
            var dx = new double[x[1].Length];
            g.Taps((n, oh, ow, ih, iw, _, _) =>
            {
                for (int c = 0; c < g.C; c++) dx[g.X(n, ih, iw, c)] += x[0].Data[g.Y(n, oh, ow, c, g.C)] / count[(n * g.OH + oh) * g.OW + ow];
            });
            return new RefValue(g.InDims, dx);
        };
        table[typeof(MaxPoolGradOp)] = (op, x) =>
        {
            var o = (MaxPoolGradOp)op;
            var g = Window.Of(x[0].Dims, o.Window.H, o.Window.W, o.Strides, (1, 1), o.Padding);
            var arg = ArgMax(g, x[0]);
            var dx = new double[x[0].Length];
            for (int i = 0; i < arg.Length; i++) dx[arg[i]] += x[1].Data[i];
            return new RefValue(g.InDims, dx);
        };
        table[typeof(MaxPoolGradGradOp)] = (op, x) =>
        {
            var o = (MaxPoolGradGradOp)op;
            var g = Window.Of(x[0].Dims, o.Window.H, o.Window.W, o.Strides, (1, 1), o.Padding);
            return new RefValue(g.OutDims(g.C), ArgMax(g, x[0]).Select(i => x[1].Data[i]).ToArray());
        };
    }

    /// <summary>Naive convolution (cross-correlation) of x by kernel w, zero outside x.</summary>
    public static RefValue Conv(RefValue x, RefValue w, int rank, (int H, int W) strides, Padding padding, (int H, int W) dilation)
    {
        var g = Window.Of(x.Dims, rank == 1 ? 1 : w.Dims[0], w.Dims[^3], strides, dilation, padding);
        int co = w.Dims[^1];
        var y = new double[g.N * g.OH * g.OW * co];
        g.Taps((n, oh, ow, ih, iw, kh, kw) =>
        {
            for (int c = 0; c < g.C; c++)
                for (int k = 0; k < co; k++)
                    y[g.Y(n, oh, ow, k, co)] += x.Data[g.X(n, ih, iw, c)] * w.Data[((kh * g.KW + kw) * g.C + c) * co + k];
        });
        return new RefValue(g.OutDims(co), y);
    }

    /// <summary>For each pooled element (n, oh, ow, c), the flat index in x of its window's first maximum.</summary>
    private static int[] ArgMax(Window g, RefValue x)
    {
        var best = Enumerable.Repeat(-1, g.N * g.OH * g.OW * g.C).ToArray();
        g.Taps((n, oh, ow, ih, iw, _, _) =>
        {
            for (int c = 0; c < g.C; c++)
            {
                int o = g.Y(n, oh, ow, c, g.C), i = g.X(n, ih, iw, c);
                if (best[o] < 0 || x.Data[i] > x.Data[best[o]]) best[o] = i;
            }
        });
        return best;
    }
}
