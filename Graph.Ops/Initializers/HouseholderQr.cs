namespace Graph.Ops.Initializers;

/// <summary>Reduced QR decomposition by Householder reflections, in float64 (what TF's <c>qr(full_matrices=False)</c> computes).</summary>
internal static class HouseholderQr
{
    /// <summary>
    /// For a row-major m×n matrix <paramref name="a"/> (m ≥ n): overwrites <paramref name="q"/> (m×n, row-major) with
    /// the orthonormal factor and <paramref name="rDiagonal"/> (n) with the diagonal of R, so A = Q·R.
    /// Reflection k maps column k below the diagonal onto <c>-sign(a_kk)·‖x‖·e_k</c>, the numerically stable choice.
    /// Columns are stored contiguously while working, so every reflection runs over contiguous memory.
    /// </summary>
    public static void Decompose(ReadOnlySpan<double> a, int m, int n, Span<double> q, Span<double> rDiagonal)
    {
        if (m < n) throw new ArgumentException($"Reduced QR needs rows >= columns; got {m}x{n}.");
        var columns = new double[n * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                columns[j * m + i] = a[i * n + j];
        // Unit reflectors v_k (entries k..m-1 of a length-m vector; zero when H_k = I).
        var reflectors = new double[n * m];
        for (int k = 0; k < n; k++)
        {
            var x = columns.AsSpan(k * m + k, m - k);
            double norm = Math.Sqrt(Dot(x, x));
            double alpha = x[0] >= 0 ? -norm : norm;
            var v = reflectors.AsSpan(k * m + k, m - k);
            x.CopyTo(v);
            v[0] -= alpha;
            double vNorm = Math.Sqrt(Dot(v, v));
            if (vNorm == 0)
            {
                // The column is already zero on and below the diagonal: H_k = I and R_kk = 0.
                v.Clear();
                rDiagonal[k] = 0;
                continue;
            }
            for (int i = 0; i < v.Length; i++) v[i] /= vNorm;
            for (int j = k; j < n; j++) Reflect(v, columns.AsSpan(j * m + k, m - k));
            rDiagonal[k] = columns[k * m + k];
        }

        // Q = H_0 · H_1 ⋯ H_{n-1} applied to the first n columns of the identity, innermost reflection first.
        var qColumns = new double[n * m];
        for (int j = 0; j < n; j++) qColumns[j * m + j] = 1;
        for (int k = n - 1; k >= 0; k--)
        {
            var v = reflectors.AsSpan(k * m + k, m - k);
            for (int j = 0; j < n; j++) Reflect(v, qColumns.AsSpan(j * m + k, m - k));
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                q[i * n + j] = qColumns[j * m + i];
    }

    /// <summary><c>y -= 2·(v·y)·v</c> for a unit vector v.</summary>
    private static void Reflect(ReadOnlySpan<double> v, Span<double> y)
    {
        double f = 2 * Dot(v, y);
        if (f == 0) return;
        for (int i = 0; i < y.Length; i++) y[i] -= f * v[i];
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
