using System.Numerics;
using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops.Reductions;

namespace Graph.Ops.NeuralNet;

/// <summary>
/// Base of the normalizations along one axis (softmax, log-softmax): float input, result of the same type. The
/// kernel splits the dims into outer × axis × inner; the common last-axis case runs on contiguous rows.
/// </summary>
public abstract record AxisNormalizationOp(int Axis) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 1) throw new ShapeRuleException($"expects 1 input, got {inputs.Length}.");
        var x = inputs[0];
        if (!x.DType.IsFloating()) throw new ShapeRuleException($"input 0 must be float32 or float64, got {x}.");
        if (Axis < -x.Shape.Rank || Axis >= x.Shape.Rank)
            throw new ShapeRuleException($"axis {Axis} is out of range for input 0 of rank {x.Shape.Rank}.");
        return x;
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        var (outer, n, inner) = ReductionAxes.Split(inputs[0].Dims, Axis < 0 ? Axis + inputs[0].Rank : Axis);
        if (n == 0) return;
        if (output.DType == DType.Float32) Run<float>(inputs[0].Span<float>(), output.Span<float>(), outer, n, inner);
        else Run<double>(inputs[0].Span<double>(), output.Span<double>(), outer, n, inner);
    }

    /// <summary>Normalizes a contiguous row.</summary>
    private protected abstract void Row<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>;

    /// <summary>The result for one element given the row's maximum m and s = Σ exp(x − m).</summary>
    private protected abstract T Element<T>(T x, T max, T sum) where T : IFloatingPointIeee754<T>;

    private void Run<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int n, int inner) where T : IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            int start = o * n * inner;
            if (inner == 1)
            {
                Row(x.Slice(start, n), y.Slice(start, n));
                continue;
            }
            for (int i = 0; i < inner; i++)
            {
                T max = x[start + i];
                for (int k = 1; k < n; k++) max = T.Max(max, x[start + k * inner + i]);
                T sum = T.Zero;
                for (int k = 0; k < n; k++) sum += T.Exp(x[start + k * inner + i] - max);
                for (int k = 0; k < n; k++) y[start + k * inner + i] = Element(x[start + k * inner + i], max, sum);
            }
        }
    }

    /// <inheritdoc/>
    public override string AttributeText => $"axis={Axis}";
}

/// <summary>
/// <c>softmax(x)ᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m)</c> along <see cref="AxisNormalizationOp.Axis"/>, m the maximum
/// (so extreme logits neither overflow nor underflow to 0/0). ∂/∂x = y·(g − Σ g·y).
/// </summary>
public sealed record SoftmaxOp(int Axis = -1) : AxisNormalizationOp(Axis)
{
    private protected override void Row<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Subtract(x, TensorPrimitives.Max(x), y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Multiply(y, T.One / TensorPrimitives.Sum<T>(y), y);
    }

    private protected override T Element<T>(T x, T max, T sum) => T.Exp(x - max) / sum;

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Mul(node, G.Sub(outputGradient, G.Sum(G.Mul(outputGradient, node), [Axis], keepDims: true)))];
}

/// <summary>
/// <c>log_softmax(x)ᵢ = xᵢ − m − log Σⱼ exp(xⱼ − m)</c> along <see cref="AxisNormalizationOp.Axis"/>, m the maximum
/// (stable for extreme logits). ∂/∂x = g − exp(y)·Σ g.
/// </summary>
public sealed record LogSoftmaxOp(int Axis = -1) : AxisNormalizationOp(Axis)
{
    private protected override void Row<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        T logSum = T.Log(TensorPrimitives.Sum<T>(y));
        // (x − m) − log s, not x − (m + log s): the shifted logits are exact, so large m loses no precision.
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Subtract(y, logSum, y);
    }

    private protected override T Element<T>(T x, T max, T sum) => x - max - T.Log(sum);

    /// <inheritdoc/>
    public override Node?[] Gradient(Node node, Node outputGradient) =>
        [G.Sub(outputGradient, G.Mul(G.Exp(node), G.Sum(outputGradient, [Axis], keepDims: true)))];
}
