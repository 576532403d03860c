using System.Numerics.Tensors;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>
/// The adding problem (Hochreiter &amp; Schmidhuber 1997, as in Le et al. 2015): each step carries a value drawn from
/// U[0, 1) and a marker; exactly two steps are marked, one in each half of the sequence, and the target is the sum of
/// their values. Predicting the mean (1) gives an MSE of 1/6 ≈ 0.167.
/// </summary>
internal static class AddingProblem
{
    /// <summary><paramref name="count"/> sequences <c>(count, length, 2)</c> and their targets <c>(count, 1)</c>.</summary>
    public static (Tensor<float> X, Tensor<float> Y) Generate(int count, int length, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * length * 2];
        var y = new float[count];
        for (int n = 0; n < count; n++)
        {
            int first = random.Next(length / 2), second = length / 2 + random.Next(length - length / 2);
            for (int t = 0; t < length; t++)
            {
                float value = (float)random.NextDouble();
                int at = (n * length + t) * 2;
                x[at] = value;
                if (t == first || t == second)
                {
                    x[at + 1] = 1;
                    y[n] += value;
                }
            }
        }
        return (Tensor.Create(x, [count, length, 2]), Tensor.Create(y, [count, 1]));
    }
}
