using Graph.Ops.Kernels;

namespace Graph.Tests.Ops.Kernels;

/// <summary>
/// Accuracy of <see cref="FastMath"/> against the exact functions in double, shared by the NUnit tests and the
/// KernelCheck console (which reruns it with AVX2 disabled).
/// </summary>
public static class FastMathConformance
{
    /// <summary>Maximum relative error of tanh allowed (equal to the absolute error where |tanh| ≈ 1).</summary>
    public const double TanhTolerance = 5e-7;

    /// <summary>Maximum absolute error of sigmoid allowed.</summary>
    public const double SigmoidTolerance = 2e-7;

    /// <summary>Maximum relative error of exp allowed in its normal range.</summary>
    public const double ExpTolerance = 3.6e-7;

    /// <summary>
    /// Every <paramref name="stride"/>-th float bit pattern of both signs, finite and infinite, plus the
    /// boundaries the implementations switch at.
    /// </summary>
    public static float[] Sweep(int stride)
    {
        var values = new List<float>();
        for (long bits = 0; bits <= 0x7F800000L; bits += stride)
        {
            float v = BitConverter.Int32BitsToSingle((int)bits);
            values.Add(v);
            values.Add(-v);
        }
        values.AddRange([0f, -0f, float.Epsilon, 1e-30f, 0.625f, -0.625f, 0.62499994f, 9f, -9f, 88.7f, 89f, -87.5f,
            -103f, -110f, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity]);
        return values.ToArray();
    }

    /// <summary>Worst relative error of the span tanh over <paramref name="x"/>.</summary>
    public static double TanhError(float[] x)
    {
        float[] y = new float[x.Length];
        FastMath.Tanh(x, y);
        return Worst(x, y, Math.Tanh, relative: true);
    }

    /// <summary>Worst absolute error of the span sigmoid over <paramref name="x"/>.</summary>
    public static double SigmoidError(float[] x)
    {
        float[] y = new float[x.Length];
        FastMath.Sigmoid(x, y);
        return Worst(x, y, v => 1d / (1d + Math.Exp(-v)), relative: false);
    }

    /// <summary>Worst relative error of the span exp over the part of <paramref name="x"/> in (−87, 88.7).</summary>
    public static double ExpError(float[] x)
    {
        x = x.Where(v => v is > -87f and < 88.7f).ToArray();
        float[] y = new float[x.Length];
        FastMath.Exp(x, y);
        return Worst(x, y, Math.Exp, relative: true);
    }

    private static double Worst(float[] x, float[] y, Func<double, double> exact, bool relative)
    {
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double e = exact(x[i]);
            double err = Math.Abs(y[i] - e);
            if (relative) err /= Math.Max(Math.Abs(e), 1e-300);
            // NaN compares false, so a NaN result where a number was expected must be caught explicitly.
            if (double.IsNaN(err)) return double.PositiveInfinity;
            worst = Math.Max(worst, err);
        }
        return worst;
    }
}
