using Graph.Core;
using Graph.Ops;
using Graph.Ops.Shapes;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>
/// Shape ops beyond the catalog triad: builders composed of several ops (Stack, Split, Slice), partial shapes that
/// resolve at run time (the batch), gradients with unknown dims, and second derivatives.
/// </summary>
public sealed class ShapeOpTests : GraphTestBase
{
    private static TensorBuffer Range(params int[] dims)
    {
        var buffer = TensorBuffer.Zeros(DType.Float64, dims);
        var span = buffer.Span<double>();
        for (int i = 0; i < span.Length; i++) span[i] = i * 0.5 - 1;
        return buffer;
    }

    private static TensorBuffer[] Run(Node[] inputs, Node[] outputs, params TensorBuffer[] values)
    {
        var result = K.Function(inputs, outputs).Call(values.Select(v => (FeedValue)v).ToArray());
        return Enumerable.Range(0, outputs.Length).Select(result.Buffer).ToArray();
    }

    private static double[] Values(TensorBuffer b) => b.Span<double>().ToArray();

    [Test]
    public void Reshape_InferredDimWithUnknownBatch_WorksAtEveryBatchSize()
    {
        var x = K.Placeholder([null, 3, 4], DType.Float64);
        var y = G.Reshape(x, -1, 12);
        var f = K.Function([x], [y]);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 12)));
        foreach (int batch in new[] { 1, 2, 5 })
        {
            var value = Range(batch, 3, 4);
            var result = f.Call(value).Buffer(0);
            Assert.That(result.Dims, Is.EqualTo(new[] { batch, 12 }));
            Assert.That(Values(result), Is.EqualTo(Values(value)));
        }
    }

    [Test]
    public void Reshape_GradientWithTwoUnknownDims_GivesInputShapeBack()
    {
        var x = K.Placeholder([null, null, 4], DType.Float64);
        var y = G.Reshape(x, -1, 2);
        var grad = G.Gradients(y, [x])[0]!;

        var result = Run([x], [grad], Range(2, 3, 4))[0];

        Assert.That(grad.Shape, Is.EqualTo(new Shape(null, null, 4)));
        Assert.That(result.Dims, Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(Values(result), Is.All.EqualTo(1.0));
    }

    [Test]
    public void Flatten_UnknownBatchAndTime_FlattensAtRunTime()
    {
        var x = K.Placeholder([null, null, 4], DType.Float64);
        var y = G.Flatten(x);

        var result = Run([x], [y], Range(2, 3, 4))[0];

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, null)));
        Assert.That(result.Dims, Is.EqualTo(new[] { 2, 12 }));
    }

    [TestCase(0, new[] { 3, 2, 4 })]
    [TestCase(1, new[] { 2, 3, 4 })]
    [TestCase(-1, new[] { 2, 4, 3 })]
    public void Stack_ThreeInputs_MatchesNaiveStack(int axis, int[] dims)
    {
        var xs = Enumerable.Range(0, 3).Select(i => K.Placeholder([2, 4], DType.Float64, name: $"x{i}")).ToArray();
        var values = Enumerable.Range(0, 3).Select(i => TensorBuffer.From<double>(Enumerable.Range(0, 8).Select(v => v + 10.0 * i).ToArray(), 2, 4)).ToArray();

        var result = Run(xs, [G.Stack(xs, axis)], values)[0];

        Assert.That(result.Dims, Is.EqualTo(dims));
        int a = axis < 0 ? axis + 3 : axis;
        var index = new int[3];
        var data = Values(result);
        for (int flat = 0; flat < data.Length; flat++)
        {
            int rem = flat;
            for (int k = 2; k >= 0; k--) { index[k] = rem % dims[k]; rem /= dims[k]; }
            var rest = index.Where((_, k) => k != a).ToArray();
            Assert.That(data[flat], Is.EqualTo(values[index[a]].Span<double>()[rest[0] * 4 + rest[1]]), $"element {flat}");
        }
    }

    [Test]
    public void Stack_Gradient_IsTheMatchingSliceOfTheUpstreamGradient()
    {
        var xs = Enumerable.Range(0, 2).Select(i => K.Placeholder([null, 3], DType.Float64, name: $"x{i}")).ToArray();
        var stacked = G.Stack(xs, 1);
        var dy = K.Placeholder([null, 2, 3], DType.Float64, name: "dy");
        var grads = G.Gradients(stacked, xs, dy);

        var upstream = Range(2, 2, 3);
        var result = Run([.. xs, dy], [grads[0]!, grads[1]!], Range(2, 3), Range(2, 3), upstream);

        var u = Values(upstream);
        Assert.That(Values(result[0]), Is.EqualTo(new[] { u[0], u[1], u[2], u[6], u[7], u[8] }));
        Assert.That(Values(result[1]), Is.EqualTo(new[] { u[3], u[4], u[5], u[9], u[10], u[11] }));
    }

    [Test]
    public void Split_EqualParts_AreConsecutiveBlocksAndConcatBack()
    {
        var x = K.Placeholder([null, 6], DType.Float64);
        var parts = G.Split(x, 3);
        var value = Range(2, 6);

        var result = Run([x], [.. parts, G.Concat(parts)], value);

        Assert.That(parts.Select(p => p.Shape), Is.All.EqualTo(new Shape(null, 2)));
        Assert.That(Values(result[1]), Is.EqualTo(new[] { 0.0, 0.5, 3, 3.5 }));
        Assert.That(Values(result[3]), Is.EqualTo(Values(value)));
    }

    [Test]
    public void Split_SizesWithInferredPart_TakesTheRest()
    {
        var x = K.Placeholder([5, 2], DType.Float64);
        var parts = G.Split(x, [1, -1, 2], axis: 0);

        var result = Run([x], parts, Range(5, 2));

        Assert.That(result.Select(r => r.Dims[0]), Is.EqualTo(new[] { 1, 2, 2 }));
        Assert.That(Values(result[1]), Is.EqualTo(new[] { 0.0, 0.5, 1, 1.5 }));
    }

    [Test]
    public void Slice_SizeMinusOne_RunsToTheEnd()
    {
        var x = K.Placeholder([null, 4], DType.Float64);
        var y = G.Slice(x, [1, 1], [-1, 2]);

        var result = Run([x], [y], Range(3, 4))[0];

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 2)));
        Assert.That(result.Dims, Is.EqualTo(new[] { 2, 2 }));
        Assert.That(Values(result), Is.EqualTo(new[] { 1.5, 2, 3.5, 4 }));
    }

    [Test]
    public void Tile_GradientWithUnknownBatch_SumsTheCopiesAtAnyBatchSize()
    {
        var x = K.Placeholder([null, 2], DType.Float64);
        var grad = G.Gradients(G.Tile(x, 3, 2), [x])[0]!;
        var f = K.Function([x], [grad]);

        foreach (int batch in new[] { 1, 4 })
        {
            var result = f.Call(Range(batch, 2)).Buffer(0);
            Assert.That(result.Dims, Is.EqualTo(new[] { batch, 2 }));
            Assert.That(Values(result), Is.All.EqualTo(6.0));
        }
    }

    [Test]
    public void Tile_GradientWithTwoUnknownDims_SumsTheCopiesAtAnyShape()
    {
        var x = K.Placeholder([null, null], DType.Float64, name: "x");
        var y = G.Tile(x, 2, 3);
        var dy = K.Placeholder([null, null], DType.Float64, name: "dy");
        var f = K.Function([x, dy], [G.Gradients(y, [x], dy)[0]!]);

        // dy[i, j] = i·10 + j on a (4, 6) output of a (2, 2) input: x[a, b] collects dy at rows a, a+2 and columns b, b+2, b+4.
        var upstream = TensorBuffer.From<double>(Enumerable.Range(0, 24).Select(k => k / 6 * 10.0 + k % 6).ToArray(), 4, 6);
        var result = f.Call(Range(2, 2), upstream).Buffer(0);
        Assert.That(Values(result), Is.EqualTo(new[] { 72.0, 78, 132, 138 }));
        Assert.That(f.Call(Range(3, 1), TensorBuffer.Zeros(DType.Float64, 6, 3)).Buffer(0).Dims, Is.EqualTo(new[] { 3, 1 }));
    }

    [Test]
    public void RepeatElements_GradientWithTwoUnknownDims_SumsTheRepeats()
    {
        var x = K.Placeholder([null, null], DType.Float64);
        var y = G.RepeatElements(x, 2, 0);
        var grad = G.Gradients(y, [x])[0]!;

        var result = Run([x], [grad], Range(3, 2))[0];

        Assert.That(result.Dims, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(Values(result), Is.All.EqualTo(2.0));
    }

    [Test]
    public void RepeatElements_GradientWithUnknownBatch_SumsTheRepeats()
    {
        var x = K.Placeholder([null, 3], DType.Float64);
        var y = G.RepeatElements(x, 2, 1);
        var dy = K.Placeholder([null, 6], DType.Float64);
        var grad = G.Gradients(y, [x], dy)[0]!;

        var result = Run([x, dy], [grad], Range(1, 3), TensorBuffer.From<double>([1, 2, 3, 4, 5, 6], 1, 6))[0];

        Assert.That(Values(result), Is.EqualTo(new[] { 3.0, 7, 11 }));
    }

    [Test]
    public void Gather_SecondDerivative_CountsEachIndex()
    {
        // f = Σ gather(x, idx)²  ⇒  ∇f = 2·scatter_add(gather(x, idx))  ⇒  ∂(∇f·v)/∂x[k] = 2·count(k)·v[k].
        var x = K.Placeholder([4], DType.Float64);
        var idx = G.Constant(TensorBuffer.From<int>([0, 2, 2], 3));
        var gathered = G.Gather(x, idx);
        var gradient = G.Gradients(G.Mul(gathered, gathered), [x])[0]!;
        var v = K.Placeholder([4], DType.Float64, name: "v");
        var second = G.Gradients(G.Mul(gradient, v), [x])[0]!;

        var result = Run([x, v], [gradient, second], TensorBuffer.From<double>([1, 2, 3, 4], 4), TensorBuffer.From<double>([1, 1, 0.5, 1], 4));

        Assert.That(Values(result[0]), Is.EqualTo(new[] { 2.0, 0, 12, 0 }));
        Assert.That(Values(result[1]), Is.EqualTo(new[] { 2.0, 0, 2, 0 }));
    }

    [Test]
    public void PadReflect_SecondDerivative_IsPadGradOfPadOfDirection()
    {
        // f = ½Σ pad(x)²  ⇒  ∇f = PadGrad(pad(x)), linear in x, so ∂(∇f·v)/∂x = PadGrad(pad(v)) = ∇f evaluated at v.
        var x = K.Placeholder([3], DType.Float64);
        var padded = G.Pad(x, new[,] { { 2, 1 } }, "REFLECT");
        var gradient = G.Gradients(G.Mul(G.Mul(padded, padded), 0.5), [x])[0]!;
        var v = K.Placeholder([3], DType.Float64, name: "v");
        var second = G.Gradients(G.Mul(gradient, v), [x])[0]!;

        var result = Run([x, v], [gradient, second], TensorBuffer.From<double>([1, 2, 3], 3), TensorBuffer.From<double>([1, 2, 3], 3));

        // pad([1,2,3]) = [3,2,1,2,3,2]: x0 appears once, x1 three times, x2 twice.
        Assert.That(Values(result[0]), Is.EqualTo(new[] { 1.0, 6, 6 }));
        Assert.That(Values(result[1]), Is.EqualTo(Values(result[0])));
    }

    [Test]
    public void Concat_GradientAlongUnknownBatch_SplitsAtRunTimeOffsets()
    {
        var a = K.Placeholder([null, 2], DType.Float64, name: "a");
        var b = K.Placeholder([null, 2], DType.Float64, name: "b");
        var y = G.Concat([a, b], 0);
        var dy = K.Placeholder([null, 2], DType.Float64, name: "dy");
        var grads = G.Gradients(y, [a, b], dy);

        var result = Run([a, b, dy], [grads[0]!, grads[1]!], Range(1, 2), Range(2, 2), Range(3, 2));

        Assert.That(Values(result[0]), Is.EqualTo(new[] { -1.0, -0.5 }));
        Assert.That(Values(result[1]), Is.EqualTo(new[] { 0.0, 0.5, 1, 1.5 }));
    }

    [Test]
    public void Gather_IndexOutOfRange_FailsTheRunNamingTheIndex()
    {
        var x = K.Placeholder([3], DType.Float64);
        var idx = K.Placeholder([2], DType.Int32, name: "idx");
        var f = K.Function([x, idx], [G.Gather(x, idx)]);

        var e = Assert.Catch(() => f.Call(Range(3), TensorBuffer.From<int>([1, 3], 2)));

        Assert.That(e!.ToString(), Does.Contain("indices[1] = 3 is not in [0, 3)"));
    }

    [Test]
    public void Squeeze_WithoutAxes_KeepsUnknownDims()
    {
        var x = K.Placeholder([null, 1, 3, 1]);

        Assert.That(G.Squeeze(x).Shape, Is.EqualTo(new Shape(null, 3)));
    }

    [Test]
    public void Ops_WithEqualAttributesFromDifferentArrays_AreEqualForCse()
    {
        SliceSpec Spec() => new(new[] { 1, -1 }, new[] { 0, 0 }, new[] { 1, -2 }, EndMask: 2, ShrinkAxisMask: 1);

        Assert.That(new StridedSliceOp(Spec()), Is.EqualTo(new StridedSliceOp(Spec())));
        Assert.That(new StridedSliceOp(Spec()).GetHashCode(), Is.EqualTo(new StridedSliceOp(Spec()).GetHashCode()));
        Assert.That(new PadOp(new[] { 1, 2 }, PadMode.Reflect), Is.EqualTo(new PadOp(new[] { 1, 2 }, PadMode.Reflect)));
        Assert.That(new PadOp(new[] { 1, 2 }, PadMode.Reflect), Is.Not.EqualTo(new PadOp(new[] { 1, 2 }, PadMode.Symmetric)));
        Assert.That(new TransposeOp(new[] { 1, 0 }), Is.EqualTo(new TransposeOp(new[] { 1, 0 })));
        Assert.That(new ReshapeOp(new[] { -1, 4 }), Is.Not.EqualTo(new ReshapeOp(new[] { 4, -1 })));
    }

    [Test]
    public void StridedSlice_AttributeText_ShowsSpecAndMasks()
    {
        var x = K.Placeholder([4, 3]);

        var y = G.StridedSlice(x, [0, -1], [0, 0], beginMask: 1, endMask: 1, shrinkAxisMask: 2);

        Assert.That(y.Op.ToString(), Is.EqualTo("StridedSlice[begin=[0, -1], end=[0, 0], strides=[1, 1], begin_mask=1, end_mask=1, shrink_axis_mask=2]"));
    }
}
