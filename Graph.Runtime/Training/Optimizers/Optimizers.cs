namespace Graph.Runtime.Training.Optimizers;

/// <summary>Keras optimizer identifiers (<c>"adam"</c>, <c>"sgd"</c>, ...) to new optimizers with Keras defaults: one explicit table.</summary>
public static class OptimizerTable
{
    private static readonly Dictionary<string, Func<Optimizer>> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sgd"] = () => new Sgd(),
        ["rmsprop"] = () => new RmsProp(),
        ["adagrad"] = () => new Adagrad(),
        ["adadelta"] = () => new Adadelta(),
        ["adam"] = () => new Adam(),
        ["adamax"] = () => new Adamax(),
        ["nadam"] = () => new Nadam(),
    };

    /// <summary>A new optimizer for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">unknown identifier (the message lists the known ones).</exception>
    public static Optimizer Get(string name) => Table.TryGetValue(name, out var make)
        ? make()
        : throw new ArgumentException($"Unknown optimizer '{name}'. Known: {string.Join(", ", Table.Keys)}.", nameof(name));
}
