using Graph.Core;
using Graph.Ops.Random;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>
    /// Normal draws <c>mean + stddev·z</c> shaped like <paramref name="like"/> (or <paramref name="noiseShape"/>, whose
    /// null entries take like's dimension), in like's dtype unless <paramref name="dtype"/> is given. Fresh per run;
    /// reproducible given the graph seed and <paramref name="seed"/>.
    /// </summary>
    public static Node RandomNormalLike(Node like, double mean = 0, double stddev = 1, int? seed = null, DType? dtype = null, int?[]? noiseShape = null) =>
        AddRandom(like.Graph, key => new RandomNormalOp(dtype ?? like.DType, key, noiseShape ?? [], mean, stddev), seed, like, "RandomNormal");

    /// <summary>
    /// TF's <c>truncated_normal</c> shaped like <paramref name="like"/>: normal draws redrawn until within two standard
    /// deviations of the mean. Otherwise as <see cref="RandomNormalLike"/>.
    /// </summary>
    public static Node TruncatedNormalLike(Node like, double mean = 0, double stddev = 1, int? seed = null, DType? dtype = null, int?[]? noiseShape = null) =>
        AddRandom(like.Graph, key => new TruncatedNormalOp(dtype ?? like.DType, key, noiseShape ?? [], mean, stddev), seed, like, "TruncatedNormal");

    /// <summary>
    /// Bernoulli(p) draws (1 with probability p, else 0) shaped like <paramref name="like"/> (or
    /// <paramref name="noiseShape"/>), in like's float dtype unless <paramref name="dtype"/> is given.
    /// </summary>
    /// <exception cref="ArgumentException">p outside [0, 1].</exception>
    public static Node BernoulliLike(Node like, double p, int? seed = null, DType? dtype = null, int?[]? noiseShape = null)
    {
        CheckProbability(p);
        return AddRandom(like.Graph, key => new BernoulliOp(dtype ?? like.DType, key, noiseShape ?? [], p), seed, like, "Bernoulli");
    }

    /// <summary>Normal draws of a fixed, fully known <paramref name="shape"/> (no input), in the default graph.</summary>
    /// <exception cref="ArgumentException">the shape has an unknown dimension.</exception>
    public static Node RandomNormal(Shape shape, double mean = 0, double stddev = 1, int? seed = null, DType dtype = DType.Float32) =>
        AddRandom(ComputationGraph.Default, key => new RandomNormalOp(dtype, key, FixedDims(shape), mean, stddev), seed, null, "RandomNormal");

    /// <summary>Truncated normal draws (within two standard deviations) of a fixed, fully known <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">the shape has an unknown dimension.</exception>
    public static Node TruncatedNormal(Shape shape, double mean = 0, double stddev = 1, int? seed = null, DType dtype = DType.Float32) =>
        AddRandom(ComputationGraph.Default, key => new TruncatedNormalOp(dtype, key, FixedDims(shape), mean, stddev), seed, null, "TruncatedNormal");

    /// <summary>Uniform draws in [min, max) of a fixed, fully known <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">the shape has an unknown dimension.</exception>
    public static Node RandomUniform(Shape shape, double min = 0, double max = 1, int? seed = null, DType dtype = DType.Float32) =>
        AddRandom(ComputationGraph.Default, key => new RandomUniformOp(dtype, key, FixedDims(shape), min, max), seed, null, "RandomUniform");

    /// <summary>Bernoulli(p) draws of a fixed, fully known <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">p outside [0, 1], or the shape has an unknown dimension.</exception>
    public static Node Bernoulli(Shape shape, double p, int? seed = null, DType dtype = DType.Float32)
    {
        CheckProbability(p);
        return AddRandom(ComputationGraph.Default, key => new BernoulliOp(dtype, key, FixedDims(shape), p), seed, null, "Bernoulli");
    }

    /// <summary>Adds a random op keyed by (graph seed, op seed); the op seed is the next of the graph when not given.</summary>
    private static Node AddRandom(ComputationGraph graph, Func<ulong, Op> make, int? seed, Node? like, string name) =>
        graph.AddNode(make(graph.MixSeed(seed ?? graph.NextOpSeed())), like is null ? [] : [like], name);

    private static int?[] FixedDims(Shape shape) =>
        shape.IsFullyDefined ? shape.Dims : throw new ArgumentException($"A fixed-shape random op needs a fully known shape; got {shape}.", nameof(shape));

    private static void CheckProbability(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"Bernoulli: p must be in [0, 1], got {p}.", nameof(p));
    }
}
