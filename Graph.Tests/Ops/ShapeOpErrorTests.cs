using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>Bad arguments fail when the node is built, with a message naming the op, the input and the shapes.</summary>
public sealed class ShapeOpErrorTests : GraphTestBase
{
    private static string BuildError(Func<Node> build) => Assert.Throws<GraphException>(() => build())!.Message;

    [Test]
    public void Gather_FloatIndices_FailsNamingInput1()
    {
        var p = K.Placeholder([5, 3], name: "params");
        var idx = K.Placeholder([2], name: "idx");

        var message = BuildError(() => G.Gather(p, idx));

        Assert.That(message, Does.StartWith("Gather").And.Contain("input 1 (indices) must be int32 or int64").And.Contain("float32 (2,)"));
    }

    [Test]
    public void OneHot_FloatIndices_FailsNamingTheDType()
    {
        var idx = K.Placeholder([4], name: "labels");

        Assert.That(BuildError(() => G.OneHot(idx, 3)), Does.StartWith("OneHot").And.Contain("input 0 (indices)").And.Contain("'labels': float32 (4,)"));
    }

    [Test]
    public void Concat_MismatchedDims_FailsNamingBothShapes()
    {
        var a = K.Placeholder([null, 3], name: "a");
        var b = K.Placeholder([null, 4], name: "b");

        var message = BuildError(() => G.Concat([a, b], 0));

        Assert.That(message, Does.StartWith("Concat").And.Contain("input 1 of shape (?, 4) differs from input 0 of shape (?, 3) in dimension 1"));
    }

    [Test]
    public void Concat_MixedDTypes_Fails()
    {
        var a = K.Placeholder([2], name: "a");
        var b = K.Placeholder([2], DType.Int32, name: "b");

        Assert.That(BuildError(() => G.Concat([a, b])), Does.Contain("input 1 is int32 but input 0 is float32"));
    }

    [Test]
    public void ExpandDims_AxisOutOfRange_FailsNamingTheRange()
    {
        var x = K.Placeholder([2, 3], name: "x");

        Assert.That(BuildError(() => G.ExpandDims(x, 3)), Does.StartWith("ExpandDims").And.Contain("axis 3 is out of range [-3, 2] for input 0 of shape (2, 3)"));
    }

    [Test]
    public void Squeeze_AxisNotOne_Fails()
    {
        var x = K.Placeholder([2, 3], name: "x");

        Assert.That(BuildError(() => G.Squeeze(x, -1)), Does.StartWith("Squeeze").And.Contain("its size is 3, not 1"));
    }

    [Test]
    public void Reshape_ElementCountMismatch_Fails()
    {
        var x = K.Placeholder([2, 3], name: "x");

        Assert.That(BuildError(() => G.Reshape(x, 4, -1)), Does.StartWith("Reshape").And.Contain("input 0 of shape (2, 3) (6 elements)"));
        Assert.That(BuildError(() => G.Reshape(x, -1, -1)), Does.Contain("more than one -1"));
    }

    [Test]
    public void Reshape_KnownDimsCannotDivideTarget_FailsAtBuildEvenWithUnknownBatch()
    {
        var x = K.Placeholder([null, 5], name: "x");

        Assert.That(BuildError(() => G.Reshape(x, 4, 3)), Does.StartWith("Reshape").And.Contain("input 0 of shape (?, 5)").And.Contain("at any size"));
    }

    [Test]
    public void Reshape_IncompatibleBatchAtRunTime_FailsTheRun()
    {
        var x = K.Placeholder([null, 3], name: "x");
        var f = K.Function([x], [G.Reshape(x, -1, 2)]);

        Assert.Catch(() => f.Call(TensorBuffer.Zeros(DType.Float32, 3, 3)));
        Assert.That(f.Call(TensorBuffer.Zeros(DType.Float32, 4, 3)).Buffer(0).Dims, Is.EqualTo(new[] { 6, 2 }));
    }

    [Test]
    public void Transpose_NotAPermutation_Fails()
    {
        var x = K.Placeholder([2, 3, 4], name: "x");

        Assert.That(BuildError(() => G.Transpose(x, 0, 0, 1)), Does.StartWith("Transpose").And.Contain("not a permutation"));
        Assert.That(BuildError(() => G.Transpose(x, 0, 1)), Does.Contain("input 0 has rank 3"));
    }

    [Test]
    public void StridedSlice_ZeroStrideOrIndexOutOfBounds_Fails()
    {
        var x = K.Placeholder([4, 3], name: "x");

        Assert.That(BuildError(() => G.StridedSlice(x, [0], [4], [0])), Does.StartWith("StridedSlice").And.Contain("stride of dimension 0 is 0"));
        Assert.That(BuildError(() => G.StridedSlice(x, [-5], [0], shrinkAxisMask: 1)), Does.Contain("index -5 of dimension 0 is out of bounds"));
        Assert.That(BuildError(() => G.StridedSlice(x, [0, 0, 0], [1, 1, 1])), Does.Contain("input 0 has only 2 dimensions"));
        Assert.That(BuildError(() => G.StridedSlice(x, [0, 0], [1, 1], ellipsisMask: 3)), Does.Contain("more than one ellipsis"));
    }

    [Test]
    public void Slice_BlockOutsideInput_FailsNamingTheShape()
    {
        var x = K.Placeholder([4, 3], name: "x");

        Assert.That(BuildError(() => G.Slice(x, [3, 0], [2, -1])), Does.StartWith("Slice").And.Contain("dimension 0 of size 4 does not hold the block").And.Contain("(4, 3)"));
    }

    [Test]
    public void Split_NotDivisible_Fails()
    {
        var x = K.Placeholder([4, 3], name: "x");

        Assert.That(BuildError(() => G.Split(x, 2)[0]), Does.StartWith("Split").And.Contain("cannot be split into 2 equal parts"));
        Assert.That(BuildError(() => G.Split(x, [1, 1], axis: 0)[0]), Does.Contain("do not add up"));
    }

    [Test]
    public void Pad_ReflectWiderThanInput_Fails()
    {
        var x = K.Placeholder([3, 2], name: "x");

        Assert.That(BuildError(() => G.Pad(x, new[,] { { 0, 0 }, { 2, 0 } }, "REFLECT")),
            Does.StartWith("Pad").And.Contain("REFLECT paddings (2, 0) of dimension 1 must be < its size 2"));
        Assert.Throws<ArgumentException>(() => G.Pad(x, new[,] { { 0, 0 }, { 1, 0 } }, "WRAP"));
    }

    [Test]
    public void Tile_WrongNumberOfMultiples_Fails()
    {
        var x = K.Placeholder([3, 2], name: "x");

        Assert.That(BuildError(() => G.Tile(x, 2)), Does.StartWith("Tile").And.Contain("input 0 of shape (3, 2) has rank 2"));
    }

    [Test]
    public void BroadcastTo_IncompatibleDim_Fails()
    {
        var x = K.Placeholder([3, 2], name: "x");

        Assert.That(BuildError(() => G.BroadcastTo(x, Shape.Of(3, 3))), Does.StartWith("BroadcastTo").And.Contain("dimension 1 is 2"));
    }

    [Test]
    public void BatchMatMul_InnerDimsDiffer_FailsNamingBothShapes()
    {
        var a = K.Placeholder([null, 3, 4], name: "a");
        var b = K.Placeholder([null, 5, 2], name: "b");

        Assert.That(BuildError(() => G.BatchMatMul(a, b)), Does.StartWith("BatchMatMul").And.Contain("input 0 of shape (?, 3, 4) and input 1 of shape (?, 5, 2)"));
    }

    [Test]
    public void BatchMatMul_BatchDimsDoNotBroadcast_Fails()
    {
        var a = K.Placeholder([2, 3, 4], name: "a");
        var b = K.Placeholder([3, 4, 2], name: "b");

        Assert.That(BuildError(() => G.BatchMatMul(a, b)), Does.Contain("batch dimensions of input 0 of shape (2, 3, 4) and input 1 of shape (3, 4, 2)"));
    }

    [Test]
    public void Dot_InnerDimsDiffer_FailsNamingBothShapes()
    {
        var a = K.Placeholder([null, 7, 4], name: "a");
        var b = K.Placeholder([5, 3], name: "w");

        Assert.That(BuildError(() => G.Dot(a, b)), Does.StartWith("Dot").And.Contain("(?, 7, 4)").And.Contain("(5, 3)"));
    }
}
