using Graph.Core;

namespace Graph.Ops.Random;

/// <summary>
/// The shape rule shared by the random ops. With one input (the reference, only its shape is read) the result has
/// the reference's shape, or the noise shape where given (Keras's <c>noise_shape</c>: null entries take the
/// reference's dimension, so a size-1 axis shares one draw). With no input the noise shape is the fixed, fully known
/// result shape.
/// </summary>
internal static class RandomShapes
{
    /// <summary>The result type of a random op drawing <paramref name="dtype"/> values.</summary>
    /// <exception cref="ShapeRuleException">a wrong input count, dtype, or noise shape.</exception>
    public static TensorType Infer(ReadOnlySpan<TensorType> inputs, DType dtype, ValueArray<int?> noiseShape)
    {
        if (!dtype.IsFloating()) throw new ShapeRuleException($"draws floats; {dtype.Name()} was asked.");
        if (inputs.Length == 0)
        {
            var dims = new int[noiseShape.Count];
            for (int i = 0; i < dims.Length; i++)
                dims[i] = noiseShape[i] ?? throw new ShapeRuleException($"without a shape reference input the shape must be fully known; got {Format(noiseShape)}.");
            return new(dtype, Shape.Of(dims));
        }
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input (the shape reference) or none (a fixed shape), got {inputs.Length}.");
        var reference = inputs[0].Shape;
        if (noiseShape.Count == 0) return new(dtype, reference);
        if (noiseShape.Count != reference.Rank)
            throw new ShapeRuleException($"noise shape {noiseShape} has rank {noiseShape.Count}; input 0 has shape {reference} of rank {reference.Rank}.");
        var result = new int?[reference.Rank];
        for (int i = 0; i < result.Length; i++) result[i] = noiseShape[i] ?? reference[i];
        return new(dtype, new Shape(result));
    }

    /// <summary>The noise shape as dumps show it (<c>?</c> for a dimension taken from the reference).</summary>
    public static string Format(ValueArray<int?> noiseShape) => new Shape(noiseShape.ToArray()).ToString();

    /// <summary><c> noise=(?, 1)</c> or <c> shape=(3, 4)</c> when a noise/fixed shape is set, else empty.</summary>
    public static string Text(ValueArray<int?> noiseShape) => noiseShape.Count > 0 ? $" shape={Format(noiseShape)}" : "";
}
