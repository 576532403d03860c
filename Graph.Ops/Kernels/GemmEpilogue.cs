namespace Graph.Ops.Kernels;

/// <summary>
/// What <see cref="Gemm"/> applies to each finished tile of C while it is still in cache:
/// C[i, j] = act(C[i, j] + bias[j]). <c>default</c> means no bias and <see cref="GemmActivation.None"/>.
/// </summary>
/// <typeparam name="T">Element type, <see cref="float"/> or <see cref="double"/> (the GEMM's).</typeparam>
/// <param name="bias">Empty for no bias, otherwise length n (one value per column of C, broadcast over rows).</param>
/// <param name="activation">The activation applied after the bias.</param>
public readonly ref struct GemmEpilogue<T>(ReadOnlySpan<T> bias, GemmActivation activation = GemmActivation.None)
{
    /// <summary>Per-column bias (length n), or empty.</summary>
    public ReadOnlySpan<T> Bias { get; } = bias;

    /// <summary>The activation applied after the bias.</summary>
    public GemmActivation Activation { get; } = activation;

    /// <summary>True when the epilogue changes C at all.</summary>
    public bool IsIdentity => Bias.IsEmpty && Activation == GemmActivation.None;

    /// <summary>An epilogue that only applies <paramref name="activation"/>.</summary>
    public static GemmEpilogue<T> Activate(GemmActivation activation) => new([], activation);
}
