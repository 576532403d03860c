namespace Graph.Ops.Catalog;

public static partial class OpCatalog
{
    private static OpCatalogEntry[] ConvolutionEntries =>
    [
    ];
}
