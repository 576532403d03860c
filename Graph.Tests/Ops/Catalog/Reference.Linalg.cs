using Graph.Ops.Linalg;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddLinalg(Dictionary<Type, Kernel> table)
    {
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
    }
}
