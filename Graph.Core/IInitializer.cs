namespace Graph.Core;

/// <summary>
/// Fills a variable's first value. Called lazily by the <see cref="VariableStore"/> with a seed derived from
/// (graph seed, variable seed), so two stores of one graph start identical.
/// </summary>
public interface IInitializer
{
    /// <summary>Writes the initial value into <paramref name="target"/> (its dims are the variable's shape).</summary>
    void Fill(TensorBuffer target, ulong seed);

    /// <summary>Keras identifier of the initializer, e.g. <c>glorot_uniform</c>.</summary>
    string Name { get; }
}
