using System.Numerics;
using Graph.Core;

namespace Graph.Ops.Optimizers;

/// <summary>
/// Adam's parameter step (Keras 2): <c>p − lr_t·m / (sqrt(v) + ε)</c>, inputs p, m, v of one shape and the scalar
/// lr_t. NOTE: fused for speed (one vectorized pass instead of five per parameter per step).
/// </summary>
public sealed record AdamStepOp(double Epsilon) : KernelOp
{
    /// <inheritdoc/>
    public override TensorType InferType(ReadOnlySpan<TensorType> inputs)
    {
        if (inputs.Length != 4) throw new ShapeRuleException($"expects 4 inputs (p, m, v, lr_t), got {inputs.Length}.");
        var type = FusedUpdates.SameFloatType(inputs[..3], 3, "(p, m, v)");
        if (inputs[3].DType != type.DType || inputs[3].Shape.Rank != 0)
            throw new ShapeRuleException($"input 3 (lr_t) must be a scalar {type.DType.Name()}, got {inputs[3]}.");
        return type;
    }

    /// <inheritdoc/>
    public override void Compute(ReadOnlySpan<TensorBuffer> inputs, TensorBuffer output, in KernelContext context)
    {
        if (output.DType == DType.Float32)
            Run(inputs[0].Span<float>(), inputs[1].Span<float>(), inputs[2].Span<float>(), inputs[3].Span<float>()[0], output.Span<float>());
        else
            Run(inputs[0].Span<double>(), inputs[1].Span<double>(), inputs[2].Span<double>(), inputs[3].Span<double>()[0], output.Span<double>());
    }

    private void Run<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> m, ReadOnlySpan<T> v, T lr, Span<T> d) where T : unmanaged, INumber<T>, IRootFunctions<T>
    {
        T eps = T.CreateChecked(Epsilon);
        var vlr = new Vector<T>(lr);
        var veps = new Vector<T>(eps);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= d.Length - Vector<T>.Count; i += Vector<T>.Count)
                (new Vector<T>(p[i..]) - vlr * new Vector<T>(m[i..]) / (Vector.SquareRoot(new Vector<T>(v[i..])) + veps)).CopyTo(d[i..]);
        for (; i < d.Length; i++) d[i] = p[i] - lr * m[i] / (T.Sqrt(v[i]) + eps);
    }

    /// <summary>The derivatives of the formula, composed (the step is an update, rarely differentiated).</summary>
    public override Node?[] Gradient(Node node, Node outputGradient)
    {
        var (m, v, lr, g) = (node.Inputs[1], node.Inputs[2], node.Inputs[3], outputGradient);
        var root = G.Sqrt(v);
        var denominator = G.Add(root, Epsilon);
        var dm = G.Neg(G.Div(G.Mul(g, lr), denominator));
        var dv = G.Div(G.Mul(G.Mul(g, lr), m), G.Mul(G.Mul(G.Square(denominator), root), 2.0));
        var dlr = G.Sum(G.Neg(G.Div(G.Mul(g, m), denominator)));
        return [g, dm, dv, dlr];
    }

    /// <inheritdoc/>
    public override string AttributeText => FormattableString.Invariant($"epsilon={Epsilon}");
}
