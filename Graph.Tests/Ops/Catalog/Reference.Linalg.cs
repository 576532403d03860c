using Graph.Ops.Linalg;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddLinalg(Dictionary<Type, Kernel> table)
    {
        table[typeof(DenseOp)] = (op, x) =>
        {
            var (a, w, b) = (x[0], x[1], x[2]);
            int m = a.Dims[0], k = a.Dims[1], n = w.Dims[1];
            var c = new double[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double z = b.Data[j];
                    for (int p = 0; p < k; p++) z += a.At(i, p) * w.At(p, j);
                    c[i * n + j] = ((DenseOp)op).Relu ? Math.Max(z, 0) : z;
                }
            return new RefValue([m, n], c);
        };
        table[typeof(MatMulOp)] = (op, x) =>
        {
            var mm = (MatMulOp)op;
            var (a, b) = (x[0], x[1]);
            int m = a.Dims[mm.TransposeA ? 1 : 0], k = a.Dims[mm.TransposeA ? 0 : 1], n = b.Dims[mm.TransposeB ? 0 : 1];
            var c = new double[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    for (int p = 0; p < k; p++)
                        c[i * n + j] += (mm.TransposeA ? a.At(p, i) : a.At(i, p)) * (mm.TransposeB ? b.At(j, p) : b.At(p, j));
            return new RefValue([m, n], c);
        };
        table[typeof(BatchMatMulOp)] = (op, x) =>
        {
            var bmm = (BatchMatMulOp)op;
            var (a, b) = (x[0], x[1]);
            int ra = a.Dims.Length, rb = b.Dims.Length;
            int m = a.Dims[bmm.AdjX ? ra - 1 : ra - 2], k = a.Dims[bmm.AdjX ? ra - 2 : ra - 1], n = b.Dims[bmm.AdjY ? rb - 2 : rb - 1];
            var batchA = new RefValue(a.Dims[..^2], new double[a.Dims[..^2].Aggregate(1, (p, d) => p * d)]);
            var batchB = new RefValue(b.Dims[..^2], new double[b.Dims[..^2].Aggregate(1, (p, d) => p * d)]);
            var batch = Broadcast(batchA, batchB, (_, _) => 0).Dims;
            return Generate([.. batch, m, n], i =>
            {
                var bi = i[..^2];
                int[] ia = bi[(bi.Length - (ra - 2))..].Select((v, t) => a.Dims[t] == 1 ? 0 : v).ToArray();
                int[] ib = bi[(bi.Length - (rb - 2))..].Select((v, t) => b.Dims[t] == 1 ? 0 : v).ToArray();
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (bmm.AdjX ? a.At([.. ia, p, i[^2]]) : a.At([.. ia, i[^2], p])) * (bmm.AdjY ? b.At([.. ib, i[^1], p]) : b.At([.. ib, p, i[^1]]));
                return sum;
            });
        };
    }
}
