namespace Graph.Ops.Initializers;

/// <summary>
/// Keras's initializer identifiers (<c>kernel_initializer="he_normal"</c>), resolved through one explicit table:
/// Keras 2.2.4's snake_case names and aliases (<c>zero</c>, <c>uniform</c>, <c>normal</c>, …), the class names
/// (Keras 2.2.4 and tf.keras, e.g. <c>GlorotUniform</c>) and TF1's <c>uniform_unit_scaling</c>. Each entry builds
/// the initializer with Keras's default parameters. Note: inside namespaces under <c>Graph.Ops</c>, the simple name
/// <c>Initializers</c> means the namespace; write <c>Initializers.Initializers.Get</c> there.
/// </summary>
public static class Initializers
{
    private static readonly Dictionary<string, Func<Initializer>> Table = new(StringComparer.Ordinal)
    {
        ["zeros"] = () => ConstantInitializer.Zeros,
        ["zero"] = () => ConstantInitializer.Zeros,
        ["Zeros"] = () => ConstantInitializer.Zeros,
        ["ones"] = () => ConstantInitializer.Ones,
        ["one"] = () => ConstantInitializer.Ones,
        ["Ones"] = () => ConstantInitializer.Ones,
        ["constant"] = () => new ConstantInitializer(),
        ["Constant"] = () => new ConstantInitializer(),
        ["random_normal"] = () => new RandomNormalInitializer(),
        ["normal"] = () => new RandomNormalInitializer(),
        ["RandomNormal"] = () => new RandomNormalInitializer(),
        ["random_uniform"] = () => new RandomUniformInitializer(),
        ["uniform"] = () => new RandomUniformInitializer(),
        ["RandomUniform"] = () => new RandomUniformInitializer(),
        ["truncated_normal"] = () => new TruncatedNormalInitializer(),
        ["TruncatedNormal"] = () => new TruncatedNormalInitializer(),
        ["variance_scaling"] = () => new VarianceScalingInitializer(),
        ["VarianceScaling"] = () => new VarianceScalingInitializer(),
        ["glorot_uniform"] = VarianceScalingInitializer.GlorotUniform,
        ["GlorotUniform"] = VarianceScalingInitializer.GlorotUniform,
        ["glorot_normal"] = VarianceScalingInitializer.GlorotNormal,
        ["GlorotNormal"] = VarianceScalingInitializer.GlorotNormal,
        ["he_normal"] = VarianceScalingInitializer.HeNormal,
        ["HeNormal"] = VarianceScalingInitializer.HeNormal,
        ["he_uniform"] = VarianceScalingInitializer.HeUniform,
        ["HeUniform"] = VarianceScalingInitializer.HeUniform,
        ["lecun_normal"] = VarianceScalingInitializer.LecunNormal,
        ["LecunNormal"] = VarianceScalingInitializer.LecunNormal,
        ["lecun_uniform"] = VarianceScalingInitializer.LecunUniform,
        ["LecunUniform"] = VarianceScalingInitializer.LecunUniform,
        ["orthogonal"] = () => new OrthogonalInitializer(),
        ["Orthogonal"] = () => new OrthogonalInitializer(),
        ["identity"] = () => new IdentityInitializer(),
        ["Identity"] = () => new IdentityInitializer(),
        ["uniform_unit_scaling"] = () => new UniformUnitScalingInitializer(),
        ["UniformUnitScaling"] = () => new UniformUnitScalingInitializer(),
    };

    /// <summary>Every identifier <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Table.Keys;

    /// <summary>The initializer named <paramref name="name"/> with Keras's default parameters (case-sensitive, as Keras).</summary>
    /// <exception cref="ArgumentException">unknown name (Keras: "Unknown initializer: name").</exception>
    public static Initializer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Table.TryGetValue(name, out var factory) ? factory() : throw new ArgumentException($"Unknown initializer: {name}");
    }

    /// <summary>TF1's default for <c>get_variable</c> without an initializer: glorot_uniform for floats, zeros otherwise.</summary>
    public static Initializer DefaultFor(Graph.Core.DType dtype) =>
        dtype is Graph.Core.DType.Float32 or Graph.Core.DType.Float64 ? VarianceScalingInitializer.GlorotUniform() : ConstantInitializer.Zeros;
}
