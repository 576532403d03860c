namespace Graph.Ops.Elementwise;

/// <summary><c>a &lt; b</c>.</summary>
public sealed record LessOp : ComparisonOp
{
    protected override bool Compare<T>(T a, T b) => a < b;
}

/// <summary><c>a ≤ b</c>.</summary>
public sealed record LessEqualOp : ComparisonOp
{
    protected override bool Compare<T>(T a, T b) => a <= b;
}

/// <summary><c>a = b</c> (NaN equals nothing, as IEEE and TF).</summary>
public sealed record EqualOp : ComparisonOp
{
    protected override bool Compare<T>(T a, T b) => a == b;
}

/// <summary><c>a ≠ b</c> (NaN differs from everything, itself included).</summary>
public sealed record NotEqualOp : ComparisonOp
{
    protected override bool Compare<T>(T a, T b) => a != b;
}
