using System.Numerics.Tensors;

namespace Graph.Runtime.Utils;

/// <summary>Keras's data utilities (<c>keras.utils.to_categorical</c>, <c>keras.preprocessing.sequence.pad_sequences</c>).</summary>
public static class KerasUtils
{
    /// <summary>
    /// One-hot rows: a float32 (n, numClasses) tensor with <c>[i, labels[i]] = 1</c>. <paramref name="numClasses"/>
    /// defaults to <c>max(labels) + 1</c> (Keras also treats 0 as absent).
    /// </summary>
    /// <exception cref="ArgumentException">a label is negative or not below numClasses (numpy would wrap a negative
    /// label or raise an IndexError), or the labels are empty and numClasses is absent.</exception>
    public static Tensor<float> ToCategorical(int[] labels, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (numClasses is null or 0)
        {
            if (labels.Length == 0) throw new ArgumentException("to_categorical needs numClasses when there are no labels.", nameof(numClasses));
            numClasses = labels.Max() + 1;
        }
        int classes = numClasses.Value;
        if (classes < 0) throw new ArgumentOutOfRangeException(nameof(numClasses), classes, "numClasses must be positive.");
        var values = new float[checked(labels.Length * classes)];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (label < 0 || label >= classes)
                throw new ArgumentException($"Label {label} at index {i} is outside [0, {classes}).", nameof(labels));
            values[i * classes + label] = 1;
        }
        return Tensor.Create(values, [labels.Length, classes]);
    }

    /// <summary>
    /// Pads (or truncates) every sequence to one length, giving an int32 (n, maxLen) tensor. maxLen defaults to the
    /// longest sequence. A sequence longer than maxLen loses values at the start (<c>truncating: "pre"</c>) or the
    /// end (<c>"post"</c>); a shorter one is filled with <paramref name="value"/> before (<c>padding: "pre"</c>) or
    /// after (<c>"post"</c>) its values. An empty sequence gives a row of <paramref name="value"/>.
    /// </summary>
    /// <exception cref="ArgumentException">padding or truncating is not "pre"/"post" (Keras's wordings), or maxLen &lt; 0.</exception>
    public static Tensor<int> PadSequences(IReadOnlyList<int[]> sequences, int? maxLen = null, string padding = "pre",
        string truncating = "pre", int value = 0)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (padding is not ("pre" or "post")) throw new ArgumentException($"Padding type \"{padding}\" not understood", nameof(padding));
        if (truncating is not ("pre" or "post")) throw new ArgumentException($"Truncating type \"{truncating}\" not understood", nameof(truncating));
        int length = maxLen ?? (sequences.Count == 0 ? 0 : sequences.Max(s => s.Length));
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(maxLen), length, "maxLen must be >= 0.");
        var result = new int[checked(sequences.Count * length)];
        Array.Fill(result, value);
        for (int i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            int kept = Math.Min(sequence.Length, length);
            var source = truncating == "pre" ? sequence.AsSpan(sequence.Length - kept) : sequence.AsSpan(0, kept);
            int start = i * length + (padding == "post" ? 0 : length - kept);
            source.CopyTo(result.AsSpan(start, kept));
        }
        return Tensor.Create(result, [sequences.Count, length]);
    }
}
