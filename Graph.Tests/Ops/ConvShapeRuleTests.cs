using Graph.Core;
using Graph.Ops;
using NUnit.Framework;

namespace Graph.Tests.Ops;

/// <summary>Build-time checks of the convolution and pooling builders: errors name the op and the input, shapes are inferred early.</summary>
public sealed class ConvShapeRuleTests : GraphTestBase
{
    [Test]
    public void Conv2D_ChannelMismatch_ThrowsNamingBothInputs()
    {
        var x = G.Placeholder(new Shape(null, 8, 8, 3));
        var k = G.Placeholder(Shape.Of(3, 3, 4, 5));

        var e = Assert.Throws<GraphException>(() => G.Conv2D(x, k));

        Assert.That(e!.Message, Does.Contain("Conv").And.Contain("input 0").And.Contain("3 channels").And.Contain("input 1").And.Contain("expects 4"));
    }

    [Test]
    public void Conv1D_ValidKernelWiderThanInput_ThrowsNamingShape()
    {
        var x = G.Placeholder(new Shape(null, 4, 2));
        var k = G.Placeholder(Shape.Of(3, 2, 1));

        var e = Assert.Throws<GraphException>(() => G.Conv1D(x, k, dilation: 2));

        Assert.That(e!.Message, Does.Contain("does not fit input 0").And.Contain("(?, 4, 2)"));
    }

    [Test]
    public void Conv2D_UnknownPadding_ThrowsArgumentException()
    {
        var x = G.Placeholder(Shape.Of(1, 4, 4, 1));
        var k = G.Placeholder(Shape.Of(2, 2, 1, 1));

        var e = Assert.Throws<ArgumentException>(() => G.Conv2D(x, k, padding: "full"));

        Assert.That(e!.Message, Does.Contain("Conv2D").And.Contain("\"full\""));
    }

    [Test]
    public void MaxPool2D_ZeroStride_ThrowsArgumentException()
    {
        var x = G.Placeholder(Shape.Of(1, 4, 4, 1));

        var e = Assert.Throws<ArgumentException>(() => G.MaxPool2D(x, (2, 2), (0, 2)));

        Assert.That(e!.Message, Does.Contain("MaxPool2D").And.Contain("strides"));
    }

    [Test]
    public void Conv2D_SameStrided_UnknownBatchAndHeight_InfersKnownDims()
    {
        var x = G.Placeholder(new Shape(null, null, 9, 3));
        var k = G.Placeholder(Shape.Of(3, 3, 3, 8));

        var y = G.Conv2D(x, k, (2, 2), "same");

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, null, 5, 8)));
    }

    [Test]
    public void AvgPool1D_DefaultStride_IsPoolSize()
    {
        var x = G.Placeholder(new Shape(null, 10, 4));

        var y = G.AvgPool1D(x, 3);

        Assert.That(y.Shape, Is.EqualTo(new Shape(null, 3, 4)));
    }

    [Test]
    public void Conv2D_IntegerInput_ThrowsNamingDtypes()
    {
        var x = G.Placeholder(Shape.Of(1, 4, 4, 1), DType.Int32);
        var k = G.Placeholder(Shape.Of(2, 2, 1, 1));

        var e = Assert.Throws<GraphException>(() => G.Conv2D(x, k));

        Assert.That(e!.Message, Does.Contain("float dtype").And.Contain("int32"));
    }
}
