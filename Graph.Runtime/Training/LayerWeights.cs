using Graph.Core;
using Graph.Ops.Layers;

namespace Graph.Runtime.Training;

/// <summary>
/// Keras's <c>get_weights</c>/<c>set_weights</c> for any layer or model: a layer's weights trainable first, then
/// non-trainable; a functional or Sequential model's weights layer by layer in <see cref="Network.Layers"/> order
/// (Keras 2's <c>Network.get_weights</c>), each weight once even when shared. Values are copies, read from the
/// variables' session.
/// </summary>
public static class LayerWeights
{
    /// <summary>The weights in Keras's order with the layer that owns each (for error messages).</summary>
    public static IReadOnlyList<(Layer Layer, Node Weight)> Ordered(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return OrderedCore(layer).DistinctBy(p => p.Weight).ToArray();
    }

    /// <summary>Copies of the weight values in Keras's order.</summary>
    public static IReadOnlyList<TensorBuffer> GetWeights(this Layer layer) => K.BatchGetValue(Ordered(layer).Select(p => p.Weight));

    /// <summary>
    /// Sets every weight from <paramref name="values"/> (Keras's order). All values are checked before any is set,
    /// so a wrong count, shape or dtype changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">a count mismatch (naming the layer) or a value that does not fit its weight (naming layer and weight).</exception>
    public static void SetWeights(this Layer layer, IReadOnlyList<TensorBuffer> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var weights = Ordered(layer);
        if (values.Count != weights.Count)
            throw new ArgumentException(
                $"You called SetWeights on layer \"{layer.Name}\" with a weight list of length {values.Count}, but the layer was expecting {weights.Count} weights.",
                nameof(values));
        for (int i = 0; i < weights.Count; i++)
        {
            var (owner, weight) = weights[i];
            var value = values[i] ?? throw new ArgumentNullException(nameof(values), $"Weight value #{i} is null.");
            if (!weight.Shape.ToArray().AsSpan().SequenceEqual(value.Dims))
                throw new ArgumentException(
                    $"Layer {owner.Name}: weight '{weight.Name}' (#{i}) has shape {weight.Shape}, but the provided value has shape {Shape.Format(value.Dims)}.",
                    nameof(values));
            try { FeedValidation.Check(weight, value); }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Layer {owner.Name}: weight '{weight.Name}' (#{i}) cannot take the provided value: {e.Message}", nameof(values), e);
            }
        }
        for (int i = 0; i < weights.Count; i++) K.SetValue(weights[i].Weight, values[i]);
    }

    private static IEnumerable<(Layer Layer, Node Weight)> OrderedCore(Layer layer) => layer is Network { IsGraphNetwork: true } network
        ? network.Layers.SelectMany(OrderedCore)
        : layer.Weights.Select(w => (layer, w));
}
