using Graph.Ops.Convolution;

namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    // Cases cover valid/same padding, strides 2 and 3, dilation 2, odd and even sizes and kernels (same padding with
    // an even total pads one more at the end), 1-D and 2-D, and the 1×1 pointwise path.
    private static OpCatalogEntry[] ConvolutionEntries =>
    [
        Entry<ConvOp>(
            new OpCase("conv1d_valid", [OpInput.Float(2, 7, 3), OpInput.Float(3, 3, 4)], x => G.Conv1D(x[0], x[1])),
            new OpCase("conv1d_same_s2_even_kernel", [OpInput.Float(2, 8, 3), OpInput.Float(4, 3, 2)], x => G.Conv1D(x[0], x[1], stride: 2, padding: "same")),
            new OpCase("conv1d_same_s3", [OpInput.Float(1, 10, 2), OpInput.Float(3, 2, 3)], x => G.Conv1D(x[0], x[1], stride: 3, padding: "same")),
            new OpCase("conv1d_same_d2", [OpInput.Float(2, 7, 2), OpInput.Float(3, 2, 3)], x => G.Conv1D(x[0], x[1], padding: "same", dilation: 2)),
            new OpCase("conv2d_valid", [OpInput.Float(2, 5, 6, 3), OpInput.Float(3, 2, 3, 4)], x => G.Conv2D(x[0], x[1])),
            new OpCase("conv2d_same_s2", [OpInput.Float(1, 7, 6, 2), OpInput.Float(3, 4, 2, 3)], x => G.Conv2D(x[0], x[1], (2, 2), "same")),
            new OpCase("conv2d_same_s23_d21", [OpInput.Float(2, 7, 8, 2), OpInput.Float(2, 3, 2, 2)], x => G.Conv2D(x[0], x[1], (2, 3), "same", (2, 1))),
            new OpCase("conv2d_valid_s3_d2", [OpInput.Float(1, 9, 8, 2), OpInput.Float(2, 2, 2, 3)], x => G.Conv2D(x[0], x[1], (3, 3), dilation: (2, 2))),
            new OpCase("conv2d_pointwise", [OpInput.Float(2, 3, 4, 5), OpInput.Float(1, 1, 5, 3)], x => G.Conv2D(x[0], x[1])),
            new OpCase("conv2d_empty_batch", [OpInput.Float(0, 4, 4, 2), OpInput.Float(3, 3, 2, 3)], x => G.Conv2D(x[0], x[1], (2, 2), "same"))),
        Entry<ConvBackpropInputOp>(
            new OpCase("conv1d_backprop_input_valid_s2", [OpInput.Float(2, 4, 3), OpInput.Float(3, 2, 3), OpInput.Float(2, 9, 2)],
                x => G.Apply(new ConvBackpropInputOp(1, (1, 2), Padding.Valid, (1, 1)), x)),
            new OpCase("conv2d_backprop_input_same_s2", [OpInput.Float(1, 4, 3, 3), OpInput.Float(3, 4, 2, 3), OpInput.Float(1, 7, 6, 2)],
                x => G.Apply(new ConvBackpropInputOp(2, (2, 2), Padding.Same, (1, 1)), x)),
            new OpCase("conv2d_backprop_input_pointwise", [OpInput.Float(2, 3, 4, 3), OpInput.Float(1, 1, 5, 3), OpInput.Float(2, 3, 4, 5)],
                x => G.Apply(new ConvBackpropInputOp(2, (1, 1), Padding.Valid, (1, 1)), x))),
        Entry<ConvBackpropFilterOp>(
            new OpCase("conv1d_backprop_filter_same_d2", [OpInput.Float(2, 7, 2), OpInput.Float(2, 7, 3), OpInput.Float(3, 2, 3)],
                x => G.Apply(new ConvBackpropFilterOp(1, (1, 1), Padding.Same, (1, 2)), x)),
            new OpCase("conv2d_backprop_filter_same_s2", [OpInput.Float(1, 7, 6, 2), OpInput.Float(1, 4, 3, 3), OpInput.Float(3, 4, 2, 3)],
                x => G.Apply(new ConvBackpropFilterOp(2, (2, 2), Padding.Same, (1, 1)), x)),
            new OpCase("conv2d_backprop_filter_pointwise", [OpInput.Float(2, 3, 4, 5), OpInput.Float(2, 3, 4, 3), OpInput.Float(1, 1, 5, 3)],
                x => G.Apply(new ConvBackpropFilterOp(2, (1, 1), Padding.Valid, (1, 1)), x))),
        Entry<MaxPoolOp>(
            new OpCase("maxpool1d_valid", [OpInput.Float(2, 7, 3)], x => G.MaxPool1D(x[0], 2)),
            new OpCase("maxpool1d_same_s2", [OpInput.Float(1, 8, 2)], x => G.MaxPool1D(x[0], 3, 2, "same")),
            new OpCase("maxpool2d_valid", [OpInput.Float(2, 5, 4, 3)], x => G.MaxPool2D(x[0], (2, 2))),
            new OpCase("maxpool2d_same_s2", [OpInput.Float(1, 6, 5, 2)], x => G.MaxPool2D(x[0], (3, 3), (2, 2), "same")),
            new OpCase("maxpool2d_same_s3", [OpInput.Float(1, 7, 8, 2)], x => G.MaxPool2D(x[0], (2, 2), (3, 3), "same")),
            new OpCase("maxpool2d_empty_batch", [OpInput.Float(0, 4, 4, 2)], x => G.MaxPool2D(x[0], (2, 2)))),
        Entry<AvgPoolOp>(
            new OpCase("avgpool1d_valid_s1", [OpInput.Float(2, 7, 3)], x => G.AvgPool1D(x[0], 3, 1)),
            new OpCase("avgpool1d_same_s2", [OpInput.Float(1, 8, 2)], x => G.AvgPool1D(x[0], 3, 2, "same")),
            new OpCase("avgpool2d_valid", [OpInput.Float(2, 5, 4, 3)], x => G.AvgPool2D(x[0], (2, 2))),
            new OpCase("avgpool2d_same_s2", [OpInput.Float(1, 6, 5, 2)], x => G.AvgPool2D(x[0], (3, 3), (2, 2), "same")),
            new OpCase("avgpool2d_same_s3", [OpInput.Float(1, 7, 8, 2)], x => G.AvgPool2D(x[0], (2, 2), (3, 3), "same"))),
        Entry<MaxPoolGradOp>(
            new OpCase("maxpool1d_grad_same_s2", [OpInput.Float(1, 8, 2), OpInput.Float(1, 4, 2)],
                x => G.Apply(new MaxPoolGradOp(1, (1, 3), (1, 2), Padding.Same), x)),
            new OpCase("maxpool2d_grad_same_s2", [OpInput.Float(1, 6, 5, 2), OpInput.Float(1, 3, 3, 2)],
                x => G.Apply(new MaxPoolGradOp(2, (3, 3), (2, 2), Padding.Same), x))),
        Entry<MaxPoolGradGradOp>(
            new OpCase("maxpool2d_grad_grad_same_s2", [OpInput.Float(1, 6, 5, 2), OpInput.Float(1, 6, 5, 2)],
                x => G.Apply(new MaxPoolGradGradOp(2, (3, 3), (2, 2), Padding.Same), x)),
            new OpCase("maxpool1d_grad_grad_valid", [OpInput.Float(2, 7, 3), OpInput.Float(2, 7, 3)],
                x => G.Apply(new MaxPoolGradGradOp(1, (1, 2), (1, 2), Padding.Valid), x))),
        Entry<AvgPoolGradOp>(
            new OpCase("avgpool1d_grad_same_s2", [OpInput.Float(1, 4, 2), OpInput.Float(1, 8, 2)],
                x => G.Apply(new AvgPoolGradOp(1, (1, 3), (1, 2), Padding.Same), x)),
            new OpCase("avgpool2d_grad_same_s2", [OpInput.Float(1, 3, 3, 2), OpInput.Float(1, 6, 5, 2)],
                x => G.Apply(new AvgPoolGradOp(2, (3, 3), (2, 2), Padding.Same), x))),
    ];
}
