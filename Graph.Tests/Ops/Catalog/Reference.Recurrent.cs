using Graph.Ops.Recurrent;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    /// <summary>
    /// The fused recurrent ops are property-tested: their forward values against the general loop op and the
    /// float64 reference vectors (Layers/Recurrent/FusedRecurrentTests, RnnParityTests), their gradient ops by the
    /// catalog's finite differences through the forward cases.
    /// </summary>
    static partial void AddRecurrent(Dictionary<Type, Kernel> table)
    {
        PropertyTested.Add(typeof(LstmSequenceOp));
        PropertyTested.Add(typeof(LstmSequenceGradOp));
        PropertyTested.Add(typeof(GruSequenceOp));
        PropertyTested.Add(typeof(GruSequenceGradOp));
    }
}
