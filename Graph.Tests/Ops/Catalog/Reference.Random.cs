using Graph.Ops.Random;

namespace Graph.Tests.Ops.Catalog;

public static partial class Reference
{
    // Random draws have no scalar reference; their moments, bounds and reproducibility are tested in Ops/RandomOpTests.
    static partial void AddRandom(Dictionary<Type, Kernel> table)
    {
        PropertyTested.Add(typeof(RandomUniformOp));
        PropertyTested.Add(typeof(RandomNormalOp));
        PropertyTested.Add(typeof(TruncatedNormalOp));
        PropertyTested.Add(typeof(BernoulliOp));
    }
}
