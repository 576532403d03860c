using Graph.Core;
using Graph.Ops.Linalg;
using Graph.Ops.Shapes;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>Shape and batch-matmul kernels write into their preallocated output without allocating (DESIGN §3).</summary>
public sealed class ShapeKernelAllocationTests
{
    private static TensorBuffer Floats(params int[] dims) => TensorBuffer.Zeros(DType.Float32, dims);

    private static TensorBuffer Indices(int count, int max)
    {
        var b = TensorBuffer.Zeros(DType.Int32, count);
        for (int i = 0; i < count; i++) b.Span<int>()[i] = (i * 7) % max;
        return b;
    }

    public static IEnumerable<TestCaseData> Kernels()
    {
        TestCaseData Case(string name, KernelOp op, params TensorBuffer[] inputs) => new TestCaseData(op, inputs).SetArgDisplayNames(name);
        var spec = new SliceSpec(new[] { -1, 1, 0 }, new[] { 0, 0, 0 }, new[] { -1, 2, 1 }, EndMask: 3, EllipsisMask: 4);
        yield return Case("transpose", new TransposeOp(new[] { 2, 0, 1 }), Floats(8, 9, 10));
        yield return Case("strided_slice", new StridedSliceOp(spec), Floats(8, 9, 10));
        yield return Case("strided_slice_grad", new StridedSliceGradOp(spec), Floats(8, 4, 10), Floats(8, 9, 10));
        yield return Case("tile", new TileOp(new[] { 2, 1, 3 }), Floats(4, 5, 6));
        yield return Case("repeat", new RepeatElementsOp(3, 1), Floats(4, 5, 6));
        yield return Case("broadcast_to", new BroadcastToOp(new[] { 4, 5, 6 }), Floats(5, 1));
        yield return Case("pad_constant", new PadOp(new[] { 1, 2, 3, 0 }, PadMode.Constant, 1), Floats(6, 7));
        yield return Case("pad_reflect", new PadOp(new[] { 1, 2, 3, 0 }, PadMode.Reflect), Floats(6, 7));
        yield return Case("pad_grad_symmetric", new PadGradOp(new[] { 1, 2, 3, 0 }, PadMode.Symmetric), Floats(9, 10));
        yield return Case("gather", new GatherOp(1), Floats(4, 9, 3), Indices(6, 9));
        yield return Case("scatter_add", new ScatterAddOp(1), Floats(4, 6, 3), Indices(6, 9), Floats(4, 9, 3));
        yield return Case("one_hot", new OneHotOp(5, 1, 0, -1, DType.Float32), Indices(12, 7));
        yield return Case("concat", new ConcatOp(1), Floats(3, 4), Floats(3, 2));
        yield return Case("concat_slice", new ConcatSliceOp(1, 1), Floats(3, 6), Floats(3, 4), Floats(3, 2));
        yield return Case("reshape", new ReshapeOp(new[] { -1, 6 }), Floats(4, 3, 2));
        yield return Case("batch_matmul", new BatchMatMulOp(true, false), Floats(2, 1, 5, 4), Floats(3, 5, 6));
    }

    [TestCaseSource(nameof(Kernels))]
    public void Compute_AfterWarmUp_AllocatesNothing(KernelOp op, TensorBuffer[] inputs)
    {
        var type = op.InferType(inputs.Select(b => new TensorType(b.DType, b.Shape)).ToArray());
        var output = TensorBuffer.Zeros(type.DType, type.Shape.ToArray());
        op.Compute(inputs, output, default);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) op.Compute(inputs, output, default);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }
}
