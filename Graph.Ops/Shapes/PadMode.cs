namespace Graph.Ops.Shapes;

/// <summary>TF's <c>tf.pad</c> modes (the string argument, case-insensitive: "CONSTANT", "REFLECT", "SYMMETRIC").</summary>
public enum PadMode
{
    /// <summary>Pads with a constant value.</summary>
    Constant,

    /// <summary>Mirrors without repeating the edge: <c>[1, 2, 3]</c> padded by 2 on both sides is <c>[3, 2, 1, 2, 3, 2, 1]</c>; pads must be &lt; the size.</summary>
    Reflect,

    /// <summary>Mirrors including the edge: <c>[1, 2, 3]</c> padded by 2 is <c>[2, 1, 1, 2, 3, 3, 2]</c>; pads must be ≤ the size.</summary>
    Symmetric,
}
