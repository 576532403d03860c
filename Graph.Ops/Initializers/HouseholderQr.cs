namespace Graph.Ops.Initializers;

/// <summary>Reduced QR decomposition by Householder reflections, in float64 (what TF's <c>qr(full_matrices=False)</c> computes).</summary>
internal static class HouseholderQr
{
    /// <summary>
    /// For a row-major m×n matrix <paramref name="a"/> (m ≥ n): overwrites <paramref name="q"/> (m×n, row-major) with
    /// the orthonormal factor and <paramref name="rDiagonal"/> (n) with the diagonal of R, so A = Q·R.
    /// Reflection k maps column k below the diagonal onto <c>-sign(a_kk)·‖x‖·e_k</c>, the numerically stable choice.
    /// </summary>
    public static void Decompose(ReadOnlySpan<double> a, int m, int n, Span<double> q, Span<double> rDiagonal)
    {
        if (m < n) throw new ArgumentException($"Reduced QR needs rows >= columns; got {m}x{n}.");
        var work = a[..(m * n)].ToArray();
        var reflectors = new double[n][];
        for (int k = 0; k < n; k++)
        {
            double norm = 0;
            for (int i = k; i < m; i++) norm += work[i * n + k] * work[i * n + k];
            norm = Math.Sqrt(norm);
            double alpha = work[k * n + k] >= 0 ? -norm : norm;
            var v = new double[m - k];
            for (int i = k; i < m; i++) v[i - k] = work[i * n + k];
            v[0] -= alpha;
            double vv = 0;
            foreach (double x in v) vv += x * x;
            if (vv == 0)
            {
                // Column already zero below (and on) the diagonal: H_k = I and R_kk = 0.
                rDiagonal[k] = 0;
                reflectors[k] = [];
                continue;
            }
            for (int j = k; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * work[i * n + j];
                double f = 2 * dot / vv;
                for (int i = k; i < m; i++) work[i * n + j] -= f * v[i - k];
            }
            rDiagonal[k] = work[k * n + k];
            for (int i = 0; i < v.Length; i++) v[i] /= Math.Sqrt(vv);
            reflectors[k] = v;
        }

        // Q = H_0 · H_1 ⋯ H_{n-1} applied to the first n columns of the identity, innermost reflection first.
        q[..(m * n)].Clear();
        for (int i = 0; i < n; i++) q[i * n + i] = 1;
        for (int k = n - 1; k >= 0; k--)
        {
            var v = reflectors[k];
            if (v.Length == 0) continue;
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * q[i * n + j];
                for (int i = k; i < m; i++) q[i * n + j] -= 2 * dot * v[i - k];
            }
        }
    }
}
