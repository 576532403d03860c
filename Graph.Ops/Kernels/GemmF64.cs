using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Graph.Ops.Kernels;

/// <summary>
/// float64 GEMM for gradient checks and float64 graphs: C row i accumulates op(A)[i, p]·op(B) row p with
/// <see cref="Vector{T}"/>, K in blocks so the touched rows of op(B) stay in cache. op(B) is materialized
/// row-major when transposed so the inner loop is always contiguous. Activations are the exact ones.
/// </summary>
internal static class GemmF64
{
    private const int KBlock = 128;

    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        double beta, GemmEpilogue<double> epilogue)
    {
        double[]? rented = null;
        try
        {
            ReadOnlySpan<double> bRows = b;
            int ldbRows = ldb;
            if (transB && k > 0)
            {
                rented = ArrayPool<double>.Shared.Rent(k * n);
                for (int j = 0; j < n; j++)
                    for (int p = 0; p < k; p++)
                        rented[p * n + j] = b[j * ldb + p];
                bRows = rented;
                ldbRows = n;
            }
            for (int i = 0; i < m; i++)
            {
                Span<double> row = c.Slice(i * ldc, n);
                if (beta == 0d) row.Clear();
                else if (beta != 1d)
                    for (int j = 0; j < n; j++) row[j] *= beta;
            }
            for (int p0 = 0; p0 < k; p0 += KBlock)
            {
                int p1 = Math.Min(k, p0 + KBlock);
                for (int i = 0; i < m; i++)
                {
                    Span<double> row = c.Slice(i * ldc, n);
                    for (int p = p0; p < p1; p++)
                    {
                        double aip = transA ? a[p * lda + i] : a[i * lda + p];
                        Axpy(aip, bRows.Slice(p * ldbRows, n), row);
                    }
                }
            }
            if (!epilogue.IsIdentity)
                for (int i = 0; i < m; i++)
                    ApplyEpilogue(c.Slice(i * ldc, n), epilogue.Bias, epilogue.Activation);
        }
        finally
        {
            if (rented != null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            ReadOnlySpan<Vector<double>> xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            Span<Vector<double>> yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int v = 0; v < xv.Length; v++)
                yv[v] += va * xv[v];
            j = xv.Length * Vector<double>.Count;
        }
        for (; j < x.Length; j++)
            y[j] += alpha * x[j];
    }

    private static void ApplyEpilogue(Span<double> row, ReadOnlySpan<double> bias, GemmActivation activation)
    {
        for (int j = 0; j < row.Length; j++)
        {
            double v = bias.IsEmpty ? row[j] : row[j] + bias[j];
            row[j] = activation switch
            {
                GemmActivation.None => v,
                GemmActivation.Relu => v > 0d || double.IsNaN(v) ? v : 0d,
                GemmActivation.Tanh => Math.Tanh(v),
                GemmActivation.Sigmoid => 1d / (1d + Math.Exp(-v)),
                _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
            };
        }
    }
}
