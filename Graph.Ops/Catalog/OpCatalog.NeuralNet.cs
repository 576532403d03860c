using Graph.Core;
using Graph.Ops.NeuralNet;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpCase[] AxisNormalizationCases(string name, Func<Node, int, Node> build) =>
    [
        new($"{name}_last", [Range(-3, 3, 3, 5)], x => build(x[0], -1)),
        new($"{name}_middle", [Range(-3, 3, 2, 3, 4)], x => build(x[0], 1)),
        new($"{name}_first", [Range(-3, 3, 4, 3)], x => build(x[0], 0)),
        new($"{name}_size1_axis", [Range(-3, 3, 4, 1)], x => build(x[0], -1)),
        new($"{name}_empty_rows", [Range(-3, 3, 0, 5)], x => build(x[0], -1)),
        new($"{name}_vector", [Range(-3, 3, 7)], x => build(x[0], 0)),
    ];

    private static OpCatalogEntry[] NeuralNetEntries =>
    [
        Entry<SoftmaxOp>(AxisNormalizationCases("softmax", G.Softmax)),
        Entry<LogSoftmaxOp>(AxisNormalizationCases("log_softmax", G.LogSoftmax)),
        Entry<LabelsOneHotOp>(
            new OpCase("labels_one_hot", [new OpInput(Shape.Of(4), DType.Int32, 0, 4), OpInput.Float(4, 5)],
                x => G.Apply(new LabelsOneHotOp(), x[0], x[1]), Differentiable: false),
            new OpCase("labels_one_hot_int64", [new OpInput(Shape.Of(2, 3), DType.Int64, 0, 2), OpInput.Float(2, 3, 3)],
                x => G.Apply(new LabelsOneHotOp(), x[0], x[1]), Differentiable: false)),
    ];
}
