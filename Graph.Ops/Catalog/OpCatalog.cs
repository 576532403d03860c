namespace Graph.Ops.Catalog;

/// <summary>
/// The explicit list of every primitive op with its test cases. The catalog tests walk it: forward against a naive
/// scalar reference, the shape rule against the computed shape, and the gradient against central finite
/// differences in float64. A new op touches three places: its file, its builder in <see cref="G"/>, and an entry
/// here (in the part file of its family). A test fails when an op type is missing from the list.
/// </summary>
public static partial class OpCatalog
{
    /// <summary>Every entry, family by family.</summary>
    public static IReadOnlyList<OpCatalogEntry> Entries { get; } =
    [
        .. StructuralEntries,
        .. ElementwiseEntries,
        .. ReductionEntries,
        .. ShapeEntries,
        .. LinalgEntries,
        .. NeuralNetEntries,
        .. ConvolutionEntries,
        .. RandomEntries,
        .. LoopEntries,
        .. RecurrentEntries,
        .. OptimizerEntries,
    ];

    private static OpCatalogEntry Entry<TOp>(params OpCase[] cases) => new(typeof(TOp), () => cases);
}
