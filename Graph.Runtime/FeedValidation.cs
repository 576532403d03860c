using Graph.Core;

namespace Graph.Runtime;

/// <summary>
/// Checks a feed against the node it feeds before anything runs, with TF1's conversion rules: numbers convert to
/// a float node, integers to an integer node, bool only to bool; a float fed to an integer node, a wrong rank or a
/// wrong known dimension is an error naming the node and both types.
/// </summary>
internal static class FeedValidation
{
    public static void Check(Node node, in FeedValue value)
    {
        Span<int> dims = stackalloc int[value.Rank];
        value.GetDims(dims);
        Check(node, value, dims);
    }

    /// <summary>As <see cref="Check(Node, in FeedValue)"/> with the value's dims already read.</summary>
    public static void Check(Node node, in FeedValue value, ReadOnlySpan<int> dims)
    {
        var target = node.DType;
        bool convertible = target switch
        {
            DType.Float32 or DType.Float64 => value.DType != DType.Bool,
            DType.Int32 or DType.Int64 => value.DType.IsInteger(),
            _ => value.DType == DType.Bool,
        };
        if (!convertible)
            throw new ArgumentException($"Cannot feed a {value} value to '{node.Name}' of type {node.Type}: {value.DType.Name()} does not convert to {target.Name()}.");
        if (!node.Shape.IsCompatibleWith(dims))
            throw new ArgumentException($"Cannot feed value of shape {Shape.Format(dims)} ({value.DType.Name()}) to '{node.Name}' of shape {node.Shape} ({target.Name()}).");
    }

    /// <summary>The learning phase accepts 0/1 and false/true only (Keras would take any non-zero as training).</summary>
    public static bool PhaseValue(Node phaseNode, in FeedValue value)
    {
        if (value.IsScalar && value.ScalarValue is 0 or 1) return value.ScalarValue == 1;
        throw new ArgumentException(
            $"The learning phase '{phaseNode.Name}' (bool ()) must be fed 0 or 1 (or false/true); got {(value.IsScalar ? value.ScalarValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : value.ToString())}.");
    }
}
