namespace Graph.Ops.Kernels;

/// <summary>
/// One float32 GEMM call in pointer form, C = act(beta·C + op(A)·op(B) + bias), shared by the driver, the
/// kernels and the worker threads. The caller keeps the spans pinned until the call returns.
/// </summary>
internal unsafe struct GemmArgs
{
    /// <summary>op(A) is m×k; stored k×m when <see cref="TransA"/>.</summary>
    public float* A;
    public nint Lda;
    public bool TransA;

    /// <summary>op(B) is k×n; stored n×k when <see cref="TransB"/>.</summary>
    public float* B;
    public nint Ldb;
    public bool TransB;

    public float* C;
    public nint Ldc;
    public int M, N, K;
    public float Beta;

    /// <summary>Per-column bias (length n) or null.</summary>
    public float* Bias;
    public GemmActivation Activation;

    public readonly bool HasEpilogue => Bias != null || Activation != GemmActivation.None;
}
