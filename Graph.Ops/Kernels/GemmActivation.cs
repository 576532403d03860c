namespace Graph.Ops.Kernels;

/// <summary>Activation a GEMM epilogue applies elementwise to C after the bias: C = act(beta·C + op(A)·op(B) + bias).</summary>
public enum GemmActivation
{
    /// <summary>Identity: act(x) = x.</summary>
    None = 0,

    /// <summary>act(x) = max(x, 0).</summary>
    Relu,

    /// <summary>act(x) = tanh(x) (float32: <see cref="FastMath.Tanh(float)"/>).</summary>
    Tanh,

    /// <summary>act(x) = 1 / (1 + exp(−x)) (float32: <see cref="FastMath.Sigmoid(float)"/>).</summary>
    Sigmoid,
}
