namespace Graph.Ops.Convolution;

/// <summary>
/// Keras/TF padding of a sliding window. <see cref="Valid"/>: no padding, out = ⌈(in − eff + 1)/stride⌉ with
/// eff = (k − 1)·dilation + 1. <see cref="Same"/>: out = ⌈in/stride⌉, padded by
/// pad_total = max((out − 1)·stride + eff − in, 0), pad_before = ⌊pad_total/2⌋ and the extra one at the end (TF's
/// asymmetric rule, so results match TF rather than PyTorch for even totals).
/// </summary>
public enum Padding
{
    /// <summary>No padding; windows lie inside the input.</summary>
    Valid,

    /// <summary>Output size ⌈in/stride⌉; zero (or ignored, for pooling) padding split as TF does.</summary>
    Same,
}
