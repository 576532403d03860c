using Graph.Core;

namespace Graph.Ops.Initializers;

/// <summary>
/// Keras/TF1 <c>Orthogonal(gain=1)</c>, computed as TF1's <c>init_ops.Orthogonal</c>: the shape is flattened to
/// (rows, cols) = (∏ shape[:-1], shape[-1]); a normal matrix of shape (max, min) of those is decomposed by QR,
/// <c>q *= sign(diag(r))</c> (so the result is uniformly distributed over orthogonal matrices), transposed back
/// when rows &lt; cols, and scaled by <c>gain</c>. Hence the columns (or the rows, when rows &lt; cols) are
/// orthonormal times gain: <c>WᵀW = gain²·I</c> (or <c>WWᵀ</c>).
/// </summary>
public sealed class OrthogonalInitializer(double gain = 1.0) : Initializer
{
    /// <summary>Multiplier applied to the orthogonal matrix.</summary>
    public double Gain { get; } = gain;

    /// <inheritdoc/>
    public override string Name => "orthogonal";

    /// <inheritdoc/>
    public override string ClassName => "Orthogonal";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Config => new Dictionary<string, object> { ["gain"] = Gain };

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">not a float variable, or rank below 2 (TF1's wording).</exception>
    public override void Validate(DType dtype, ReadOnlySpan<int> dims)
    {
        base.Validate(dtype, dims);
        if (dims.Length < 2)
            throw new ArgumentException($"The tensor to initialize must be at least two-dimensional; got shape {Shape.Format(dims)}.");
    }

    /// <inheritdoc/>
    protected override void Generate(Span<double> values, ReadOnlySpan<int> dims, ulong seed)
    {
        int cols = dims[^1];
        int rows = values.Length / Math.Max(1, cols);
        if (values.Length == 0) return;
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        var a = new double[m * n];
        Sampling.Normal(a, seed);
        var q = new double[m * n];
        var rDiagonal = new double[n];
        HouseholderQr.Decompose(a, m, n, q, rDiagonal);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                q[i * n + j] *= Math.Sign(rDiagonal[j]);
        if (rows >= cols)
            for (int i = 0; i < q.Length; i++) values[i] = Gain * q[i];
        else
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    values[r * cols + c] = Gain * q[c * n + r];
    }
}
