using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops;
using Graph.Ops.Initializers;
using NUnit.Framework;

namespace Graph.Tests.Ops;

public sealed class InitializerTests : GraphTestBase
{
    private const int Rows = 256, Cols = 512;

    private static double[] Draw(IInitializer initializer, int[] dims, ulong seed = 99)
    {
        var buffer = TensorBuffer.Zeros(DType.Float64, dims);
        initializer.Fill(buffer, seed);
        return buffer.Span<double>().ToArray();
    }

    private static (double Mean, double Std) Moments(double[] values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return (mean, Math.Sqrt(variance));
    }

    // Mean within 5 standard errors; sd within 1.5% (its standard error is about 0.2-0.4% for 131072 draws).
    private static void AssertMoments(double[] values, double mean, double std)
    {
        var (m, s) = Moments(values);
        Assert.That(m, Is.EqualTo(mean).Within(5 * std / Math.Sqrt(values.Length) + 1e-12), "mean");
        Assert.That(s, Is.EqualTo(std).Within(0.015 * std), "standard deviation");
    }

    [Test]
    public void RandomUniform_KerasDefaults_BoundsAndMoments()
    {
        var values = Draw(new RandomUniformInitializer(), [Rows, Cols]);

        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(-0.05));
        Assert.That(values.Max(), Is.LessThan(0.05));
        AssertMoments(values, 0, 0.1 / Math.Sqrt(12));
    }

    [Test]
    public void RandomNormal_MeanAndStddev_MatchParameters()
    {
        var values = Draw(new RandomNormalInitializer(mean: 0.5, stddev: 2), [Rows, Cols]);

        AssertMoments(values, 0.5, 2);
        Assert.That(values.Max() - 0.5, Is.GreaterThan(4), "an untruncated normal reaches beyond 2 sd");
    }

    [Test]
    public void TruncatedNormal_KerasDefaults_WithinTwoStddevAndShrunkSpread()
    {
        var values = Draw(new TruncatedNormalInitializer(), [Rows, Cols]);

        Assert.That(values.Max(v => Math.Abs(v)), Is.LessThanOrEqualTo(0.1));
        Assert.That(values.Max(v => Math.Abs(v)), Is.GreaterThan(0.099));
        AssertMoments(values, 0, 0.05 * VarianceScalingInitializer.TruncatedStdDevCorrection);
    }

    [TestCase(1.0, "fan_in", "normal", 256.0)]
    [TestCase(2.0, "fan_out", "truncated_normal", 512.0)]
    [TestCase(3.0, "fan_avg", "uniform", 384.0)]
    [TestCase(0.5, "fan_in", "untruncated_normal", 256.0)]
    public void VarianceScaling_ModesAndDistributions_VarianceIsScaleOverFan(double scale, string mode, string distribution, double fan)
    {
        var initializer = new VarianceScalingInitializer(scale, mode, distribution);
        var values = Draw(initializer, [Rows, Cols]);
        double std = Math.Sqrt(scale / fan);

        AssertMoments(values, 0, std);
        double bound = Math.Abs(values.Max(v => Math.Abs(v)));
        if (distribution == "uniform") Assert.That(bound, Is.LessThanOrEqualTo(Math.Sqrt(3) * std));
        else if (distribution == "untruncated_normal") Assert.That(bound, Is.GreaterThan(2.5 * std));
        else Assert.That(bound, Is.LessThanOrEqualTo(2 * std / VarianceScalingInitializer.TruncatedStdDevCorrection));
    }

    [TestCase("glorot_uniform", 2.0 / (Rows + Cols), true)]
    [TestCase("glorot_normal", 2.0 / (Rows + Cols), false)]
    [TestCase("he_normal", 2.0 / Rows, false)]
    [TestCase("he_uniform", 2.0 / Rows, true)]
    [TestCase("lecun_normal", 1.0 / Rows, false)]
    [TestCase("lecun_uniform", 1.0 / Rows, true)]
    public void NamedVarianceScaling_DenseKernel_KerasFormula(string name, double variance, bool uniform)
    {
        var initializer = Initializers.Get(name);
        var values = Draw(initializer, [Rows, Cols]);
        double std = Math.Sqrt(variance);

        Assert.That(initializer.Name, Is.EqualTo(name));
        AssertMoments(values, 0, std);
        double limit = uniform ? Math.Sqrt(3 * variance) : 2 * std / VarianceScalingInitializer.TruncatedStdDevCorrection;
        Assert.That(values.Max(v => Math.Abs(v)), Is.LessThanOrEqualTo(limit).And.GreaterThan(0.97 * limit));
    }

    [Test]
    public void GlorotUniform_ConvKernel_LimitFromReceptiveFieldFans()
    {
        var values = Draw(Initializers.Get("glorot_uniform"), [3, 3, 16, 32]);
        double limit = Math.Sqrt(6.0 / (3 * 3 * 16 + 3 * 3 * 32));

        Assert.That(values.Max(v => Math.Abs(v)), Is.LessThanOrEqualTo(limit).And.GreaterThan(0.99 * limit));
    }

    [TestCase(new[] { 256, 512 }, 256.0, 512.0)]
    [TestCase(new[] { 3, 3, 16, 32 }, 144.0, 288.0)]
    [TestCase(new[] { 5, 8, 4 }, 40.0, 20.0)]
    [TestCase(new[] { 2, 3, 3, 4, 5 }, 72.0, 90.0)]
    [TestCase(new[] { 7 }, 7.0, 7.0)]
    [TestCase(new int[0], 1.0, 1.0)]
    public void Fans_DenseConvAndSmallShapes_AsTfKeras(int[] shape, double fanIn, double fanOut)
    {
        var (actualIn, actualOut) = Fans.Compute(shape);

        Assert.That((actualIn, actualOut), Is.EqualTo((fanIn, fanOut)));
    }

    [TestCase(512, 256, 1.0)]
    [TestCase(256, 512, 1.0)]
    [TestCase(64, 64, 1.7)]
    public void Orthogonal_Matrix_ProductIsGainSquaredIdentity(int rows, int cols, double gain)
    {
        var buffer = TensorBuffer.Zeros(DType.Float32, rows, cols);
        new OrthogonalInitializer(gain).Fill(buffer, seed: 5);
        var w = buffer.Span<float>().ToArray();
        // Columns are orthonormal when rows >= cols, rows otherwise.
        bool columns = rows >= cols;
        int k = Math.Min(rows, cols), len = Math.Max(rows, cols);
        var vectors = Enumerable.Range(0, k)
            .Select(a => Enumerable.Range(0, len).Select(i => (double)(columns ? w[i * cols + a] : w[a * cols + i])).ToArray()).ToArray();
        double worst = 0;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double dot = System.Numerics.Tensors.TensorPrimitives.Dot<double>(vectors[a], vectors[b]);
                worst = Math.Max(worst, Math.Abs(dot - (a == b ? gain * gain : 0)));
            }

        Assert.That(worst, Is.LessThan(1e-5));
    }

    [Test]
    public void Orthogonal_ConvKernel_FlattenedColumnsOrthonormal()
    {
        var w = Draw(new OrthogonalInitializer(), [3, 3, 8, 16]);
        int rows = 72, cols = 16;
        double worst = 0;
        for (int a = 0; a < cols; a++)
            for (int b = 0; b < cols; b++)
            {
                double dot = 0;
                for (int i = 0; i < rows; i++) dot += w[i * cols + a] * w[i * cols + b];
                worst = Math.Max(worst, Math.Abs(dot - (a == b ? 1 : 0)));
            }

        Assert.That(worst, Is.LessThan(1e-12));
        Assert.That(Moments(w).Std, Is.GreaterThan(0.05), "not a degenerate (e.g. identity-like) matrix");
    }

    [Test]
    public void Orthogonal_RankOne_Throws()
    {
        Assert.That(() => Draw(new OrthogonalInitializer(), [8]),
            Throws.ArgumentException.With.Message.Contains("must be at least two-dimensional"));
    }

    [Test]
    public void Identity_Rectangular_GainOnDiagonal()
    {
        var values = Draw(new IdentityInitializer(gain: 2), [3, 4]);

        Assert.That(values, Is.EqualTo(new double[] { 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0 }));
        Assert.That(() => Draw(new IdentityInitializer(), [2, 2, 2]),
            Throws.ArgumentException.With.Message.Contains("Identity matrix initializer can only be used for 2D matrices"));
    }

    [Test]
    public void UniformUnitScaling_ConvKernel_LimitFromInputSize()
    {
        var values = Draw(new UniformUnitScalingInitializer(factor: 1.5), [4, 4, 16, 64]);
        double limit = 1.5 * Math.Sqrt(3.0 / (4 * 4 * 16));

        Assert.That(values.Max(v => Math.Abs(v)), Is.LessThanOrEqualTo(limit).And.GreaterThan(0.99 * limit));
        AssertMoments(values, 0, limit / Math.Sqrt(3));
    }

    [Test]
    public void Constant_IntegerAndBoolVariables_Filled()
    {
        var ints = TensorBuffer.Zeros(DType.Int64, 3);
        var flags = TensorBuffer.Zeros(DType.Bool, 2);

        new ConstantInitializer(7).Fill(ints, 0);
        ConstantInitializer.Ones.Fill(flags, 0);

        Assert.That(ints.Span<long>().ToArray(), Is.EqualTo(new long[] { 7, 7, 7 }));
        Assert.That(flags.Span<bool>().ToArray(), Is.EqualTo(new[] { true, true }));
        Assert.That(Initializers.Get("zeros"), Is.SameAs(ConstantInitializer.Zeros));
    }

    [Test]
    public void RandomInitializer_IntegerVariable_ThrowsNamingInitializer()
    {
        Assert.That(() => Initializers.Get("he_normal").Fill(TensorBuffer.Zeros(DType.Int32, 2, 2), 1),
            Throws.ArgumentException.With.Message.Contains("he_normal").And.Message.Contains("int32"));
        Assert.That(() => G.Variable(Shape.Of(2), DType.Int32, Initializers.Get("he_normal")),
            Throws.ArgumentException.With.Message.Contains("he_normal"), "fails when the variable is built");
        Assert.That(() => G.Variable(Shape.Of(4), initializer: new OrthogonalInitializer()),
            Throws.ArgumentException.With.Message.Contains("at least two-dimensional"));
        Assert.That(Graph.Nodes, Is.Empty);
    }

    [Test]
    public void Fill_Float32_IsFloat64Rounded()
    {
        var f32 = TensorBuffer.Zeros(DType.Float32, 4, 5);
        var initializer = Initializers.Get("glorot_normal");

        initializer.Fill(f32, seed: 3);
        var f64 = Draw(initializer, [4, 5], seed: 3);

        Assert.That(f32.Span<float>().ToArray(), Is.EqualTo(f64.Select(v => (float)v).ToArray()));
    }

    [Test]
    public void Variables_TwoGraphsSameSeed_IdenticalValues_OtherSeedDiffers()
    {
        string[] names = ["glorot_uniform", "he_normal", "orthogonal", "truncated_normal", "random_uniform"];
        float[][] Values(int seed)
        {
            var graph = new ComputationGraph(seed);
            using var _ = graph.AsDefault();
            var variables = names.Select(n => G.Variable(Shape.Of(6, 4), initializer: Initializers.Get(n))).ToList();
            return variables.Select(v => graph.Variables.GetValue(v).Span<float>().ToArray()).ToArray();
        }

        var first = Values(11);
        var second = Values(11);
        var other = Values(12);

        Assert.That(second, Is.EqualTo(first));
        for (int i = 0; i < names.Length; i++) Assert.That(other[i], Is.Not.EqualTo(first[i]), names[i]);
        Assert.That(first[0], Is.Not.EqualTo(first[4]), "variables of one graph draw from different streams");
    }

    [Test]
    public void Variables_TwoStoresOfOneGraph_StartIdentical()
    {
        var v = G.Variable(Shape.Of(16, 8), initializer: new VarianceScalingInitializer(2, "fan_out", "uniform"));

        var a = new VariableStore().GetValue(v).Span<float>().ToArray();
        var b = Graph.Variables.GetValue(v).Span<float>().ToArray();

        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void Variable_NoInitializer_GlorotUniformForFloatZerosForInt()
    {
        var f = G.Variable(Shape.Of(2, 3));
        var i = G.Variable(Shape.Of(2), DType.Int32);

        Assert.That(((VariableOp)f.Op).Initializer.Name, Is.EqualTo("glorot_uniform"));
        Assert.That(((VariableOp)i.Op).Initializer, Is.SameAs(ConstantInitializer.Zeros));
    }

    [Test]
    public void Get_EveryName_BuildsAndUnknownThrowsKerasWording()
    {
        foreach (var name in Initializers.Names)
            Assert.That(Initializers.Get(name).ClassName, Is.Not.Empty, name);
        Assert.That(Initializers.Get("uniform"), Is.InstanceOf<RandomUniformInitializer>());
        Assert.That(Initializers.Get("HeUniform").Name, Is.EqualTo("he_uniform"));
        Assert.That(() => Initializers.Get("glorot"), Throws.ArgumentException.With.Message.EqualTo("Unknown initializer: glorot"));
    }

    [Test]
    public void Config_VarianceScalingAndOthers_KerasParameterNames()
    {
        var he = Initializers.Get("he_normal");
        var normal = new RandomNormalInitializer(1, 0.5);

        Assert.That(he.ClassName, Is.EqualTo("VarianceScaling"));
        Assert.That(he.Config, Is.EquivalentTo(new Dictionary<string, object> { ["scale"] = 2.0, ["mode"] = "fan_in", ["distribution"] = "normal" }));
        Assert.That(normal.Config, Is.EquivalentTo(new Dictionary<string, object> { ["mean"] = 1.0, ["stddev"] = 0.5 }));
        Assert.That(new OrthogonalInitializer(2).Config["gain"], Is.EqualTo(2.0));
        Assert.That(new ConstantInitializer(3).Config["value"], Is.EqualTo(3.0));
        Assert.That(ConstantInitializer.Zeros.Config, Is.Empty);
    }

    [Test]
    public void VarianceScaling_BadArguments_KerasWordings()
    {
        Assert.That(() => new VarianceScalingInitializer(0), Throws.ArgumentException.With.Message.StartsWith("`scale` must be a positive float."));
        Assert.That(() => new VarianceScalingInitializer(1, "fan_sum"), Throws.ArgumentException.With.Message.StartsWith("Invalid `mode` argument"));
        Assert.That(() => new VarianceScalingInitializer(1, "fan_in", "cauchy"), Throws.ArgumentException.With.Message.StartsWith("Invalid `distribution` argument"));
    }
}
