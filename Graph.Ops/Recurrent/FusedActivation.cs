using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Graph.Ops.Kernels;

namespace Graph.Ops.Recurrent;

/// <summary>The activations a fused recurrent kernel evaluates itself (Keras names in brackets).</summary>
public enum FusedActivation
{
    /// <summary><c>y = x</c> [linear].</summary>
    Linear,
    /// <summary><c>y = tanh(x)</c> [tanh].</summary>
    Tanh,
    /// <summary><c>y = 1/(1 + e⁻ˣ)</c> [sigmoid].</summary>
    Sigmoid,
    /// <summary><c>y = clip(0.2x + 0.5, 0, 1)</c> [hard_sigmoid].</summary>
    HardSigmoid,
    /// <summary><c>y = max(x, 0)</c> [relu].</summary>
    Relu,
}

/// <summary>
/// Forward values and derivatives of <see cref="FusedActivation"/> on spans. Every derivative is a function of the
/// output y, so a backward pass needs only the saved activations: tanh 1 − y², sigmoid y(1 − y), hard_sigmoid 0.2
/// inside (0, 1) else 0, relu 1 for y &gt; 0 else 0 (TF's choice at 0), linear 1. float32 uses FastMath's
/// vectorized tanh/sigmoid (the same kernels as the Tanh/Sigmoid ops), float64 TensorPrimitives.
/// </summary>
public static class FusedActivations
{
    /// <summary>The fused activation for a Keras identifier, or null when the kernels do not have it.</summary>
    public static FusedActivation? FromName(string name) => name switch
    {
        "linear" => FusedActivation.Linear,
        "tanh" => FusedActivation.Tanh,
        "sigmoid" => FusedActivation.Sigmoid,
        "hard_sigmoid" => FusedActivation.HardSigmoid,
        "relu" => FusedActivation.Relu,
        _ => null,
    };

    /// <summary>The Keras identifier.</summary>
    public static string Name(this FusedActivation activation) => activation switch
    {
        FusedActivation.Tanh => "tanh",
        FusedActivation.Sigmoid => "sigmoid",
        FusedActivation.HardSigmoid => "hard_sigmoid",
        FusedActivation.Relu => "relu",
        _ => "linear",
    };

    /// <summary><c>v = f(v)</c> in place.</summary>
    public static void Apply<T>(this FusedActivation activation, Span<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (v.IsEmpty) return;
        switch (activation)
        {
            case FusedActivation.Tanh:
                if (typeof(T) == typeof(float)) FastMath.Tanh(AsFloat(v), AsFloat(v));
                else TensorPrimitives.Tanh<T>(v, v);
                break;
            case FusedActivation.Sigmoid:
                if (typeof(T) == typeof(float)) FastMath.Sigmoid(AsFloat(v), AsFloat(v));
                else TensorPrimitives.Sigmoid<T>(v, v);
                break;
            case FusedActivation.HardSigmoid:
                TensorPrimitives.Multiply<T>(v, T.CreateTruncating(0.2), v);
                TensorPrimitives.Add<T>(v, T.CreateTruncating(0.5), v);
                TensorPrimitives.Clamp<T>(v, T.Zero, T.One, v);
                break;
            case FusedActivation.Relu:
                // max(NaN, 0) must stay NaN, as the Relu op's.
                for (int j = 0; j < v.Length; j++)
                    if (v[j] < T.Zero) v[j] = T.Zero;
                break;
        }
    }

    /// <summary><c>d = d·f′</c> in place, f′ taken from the output <paramref name="y"/>.</summary>
    public static void ScaleByDerivative<T>(this FusedActivation activation, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        switch (activation)
        {
            case FusedActivation.Tanh:
                if (Vector.IsHardwareAccelerated)
                    for (; j + Vector<T>.Count <= d.Length; j += Vector<T>.Count)
                    {
                        var yv = new Vector<T>(y[j..]);
                        (new Vector<T>(d[j..]) * (Vector<T>.One - yv * yv)).CopyTo(d[j..]);
                    }
                for (; j < d.Length; j++) d[j] *= T.One - y[j] * y[j];
                break;
            case FusedActivation.Sigmoid:
                if (Vector.IsHardwareAccelerated)
                    for (; j + Vector<T>.Count <= d.Length; j += Vector<T>.Count)
                    {
                        var yv = new Vector<T>(y[j..]);
                        (new Vector<T>(d[j..]) * yv * (Vector<T>.One - yv)).CopyTo(d[j..]);
                    }
                for (; j < d.Length; j++) d[j] *= y[j] * (T.One - y[j]);
                break;
            case FusedActivation.HardSigmoid:
                var slope = T.CreateTruncating(0.2);
                for (; j < d.Length; j++) d[j] = y[j] > T.Zero && y[j] < T.One ? d[j] * slope : T.Zero;
                break;
            case FusedActivation.Relu:
                for (; j < d.Length; j++) if (!(y[j] > T.Zero)) d[j] = T.Zero;
                break;
        }
    }

    private static Span<float> AsFloat<T>(Span<T> v) where T : unmanaged => MemoryMarshal.Cast<T, float>(v);
}
