using Graph.Ops.Shapes;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    private static void AddPadding(Dictionary<Type, Kernel> table)
    {
        table[typeof(PadOp)] = (op, x) =>
        {
            var pad = (PadOp)op;
            var dims = x[0].Dims.Select((d, k) => d + pad.Paddings[2 * k] + pad.Paddings[2 * k + 1]).ToArray();
            return Generate(dims, i =>
            {
                var j = new int[i.Length];
                for (int k = 0; k < i.Length; k++)
                {
                    int? source = MirrorSource(i[k] - pad.Paddings[2 * k], x[0].Dims[k], pad.Mode);
                    if (source is null) return pad.Constant;
                    j[k] = source.Value;
                }
                return x[0].At(j);
            });
        };
        table[typeof(PadGradOp)] = (op, x) =>
        {
            var pad = (PadGradOp)op;
            var dims = x[0].Dims.Select((d, k) => d - pad.Paddings[2 * k] - pad.Paddings[2 * k + 1]).ToArray();
            var result = new RefValue(dims, new double[dims.Aggregate(1, (p, d) => p * d)]);
            var strides = result.Strides();
            ForEachIndex(x[0].Dims, (flat, i) =>
            {
                int offset = 0;
                for (int k = 0; k < i.Length; k++)
                {
                    int? source = MirrorSource(i[k] - pad.Paddings[2 * k], dims[k], pad.Mode);
                    if (source is null) return;
                    offset += source.Value * strides[k];
                }
                result.Data[offset] += x[0].Data[flat];
            });
            return result;
        };
    }

    /// <summary>
    /// The source index of padded position <paramref name="i"/> (relative to the unpadded start) by walking the
    /// mirror: REFLECT bounces off the edge elements, SYMMETRIC off the edges themselves; null for CONSTANT padding.
    /// </summary>
    private static int? MirrorSource(int i, int n, PadMode mode)
    {
        if (i >= 0 && i < n) return i;
        if (mode == PadMode.Constant) return null;
        int step = i < 0 ? 1 : -1, position = i < 0 ? 0 : n - 1, distance = i < 0 ? -i : i - (n - 1);
        if (mode == PadMode.Symmetric) distance--;
        return position + step * distance;
    }
}
