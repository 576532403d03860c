using Graph.Ops.NeuralNet;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    static partial void AddNeuralNet(Dictionary<Type, Kernel> table)
    {
        table[typeof(SoftmaxOp)] = (op, x) => AlongAxis(((SoftmaxOp)op).Axis, x[0], row =>
        {
            var e = row.Select(Math.Exp).ToArray();
            return e.Select(v => v / e.Sum()).ToArray();
        });
        table[typeof(LogSoftmaxOp)] = (op, x) => AlongAxis(((LogSoftmaxOp)op).Axis, x[0], row =>
        {
            double log = Math.Log(row.Sum(Math.Exp));
            return row.Select(v => v - log).ToArray();
        });
        table[typeof(LabelsOneHotOp)] = (_, x) =>
        {
            var (labels, logits) = (x[0], x[1]);
            int classes = logits.Dims[^1];
            var result = new double[logits.Length];
            for (int row = 0; row < labels.Length; row++) result[row * classes + (int)labels.Data[row]] = 1;
            return new RefValue(logits.Dims, result);
        };
    }

    /// <summary>Applies f to every 1-D slice along <paramref name="axis"/> (gathered, transformed, scattered back).</summary>
    public static RefValue AlongAxis(int axis, RefValue x, Func<double[], double[]> f)
    {
        int rank = x.Dims.Length;
        axis = (axis + rank) % rank;
        var strides = x.Strides();
        var result = new double[x.Length];
        for (int flat = 0; flat < x.Length; flat++)
        {
            if (flat / strides[axis] % x.Dims[axis] != 0) continue; // visit each slice once, from its first element
            var indices = Enumerable.Range(0, x.Dims[axis]).Select(k => flat + k * strides[axis]).ToArray();
            var values = f(indices.Select(i => x.Data[i]).ToArray());
            for (int k = 0; k < indices.Length; k++) result[indices[k]] = values[k];
        }
        return new RefValue(x.Dims, result);
    }
}
