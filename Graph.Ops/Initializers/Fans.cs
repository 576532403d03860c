namespace Graph.Ops.Initializers;

/// <summary>Fan-in and fan-out of a weight shape, as tf.keras computes them (<c>_compute_fans</c>).</summary>
public static class Fans
{
    /// <summary>
    /// <c>()</c> → (1, 1); <c>(n)</c> → (n, n); <c>(a, b)</c> → (a, b); <c>(..., in, out)</c> → (in·rf, out·rf)
    /// with rf the product of the leading (receptive-field) dimensions, so a Conv2D kernel (kh, kw, in, out) has
    /// fan_in = kh·kw·in. Keras 2.2.4 differs for rank 1 (√n) and rank above 5; tf.keras is followed.
    /// </summary>
    public static (double FanIn, double FanOut) Compute(ReadOnlySpan<int> shape)
    {
        switch (shape.Length)
        {
            case 0: return (1, 1);
            case 1: return (shape[0], shape[0]);
            case 2: return (shape[0], shape[1]);
            default:
                double receptive = 1;
                for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
                return (shape[^2] * receptive, shape[^1] * receptive);
        }
    }
}
