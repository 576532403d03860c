using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>Dense</c>: <c>activation(inputs · kernel + bias)</c> on the last axis. Kernel <c>(input_dim, units)</c>
/// glorot_uniform, bias <c>(units,)</c> zeros; regularizers add losses to the layer (and every model containing it),
/// constraints are exposed through <see cref="Layer.Constraints"/> for the optimizer to apply after each update.
/// Supports masking (the mask passes through). Inputs must have rank ≥ 2.
/// </summary>
public sealed class Dense : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["units"] = Units;
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = ConfigJson.Initializer(KernelInitializer);
        config["bias_initializer"] = ConfigJson.Initializer(BiasInitializer);
        config["kernel_regularizer"] = ConfigJson.Regularizer(KernelRegularizer);
        config["bias_regularizer"] = ConfigJson.Regularizer(BiasRegularizer);
        config["activity_regularizer"] = ConfigJson.Regularizer(ActivityRegularizer);
        config["kernel_constraint"] = ConfigJson.Constraint(KernelConstraint);
        config["bias_constraint"] = ConfigJson.Constraint(BiasConstraint);
    }

    /// <summary>A dense layer of <paramref name="units"/> outputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">units ≤ 0.</exception>
    public Dense(int units, ActivationArg activation = default, bool useBias = true,
        InitializerArg kernelInitializer = default, InitializerArg biasInitializer = default,
        IRegularizer? kernelRegularizer = null, IRegularizer? biasRegularizer = null,
        IRegularizer? activityRegularizer = null, IConstraint? kernelConstraint = null, IConstraint? biasConstraint = null,
        string? name = null) : base(name)
    {
        ActivityRegularizer = activityRegularizer;
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"Dense needs a positive number of units; got {units}.");
        Units = units;
        Activation = activation;
        UseBias = useBias;
        KernelInitializer = kernelInitializer.IsDefault ? "glorot_uniform" : kernelInitializer;
        BiasInitializer = biasInitializer.IsDefault ? "zeros" : biasInitializer;
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
        SupportsMasking = true;
        InputSpec = new InputSpec(minNdim: 2);
    }

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    /// <summary>The activation applied last.</summary>
    public ActivationArg Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Kernel initializer (glorot_uniform).</summary>
    public InitializerArg KernelInitializer { get; }

    /// <summary>Bias initializer (zeros).</summary>
    public InitializerArg BiasInitializer { get; }

    /// <summary>Penalty on the kernel, or null.</summary>
    public IRegularizer? KernelRegularizer { get; }

    /// <summary>Penalty on the bias, or null.</summary>
    public IRegularizer? BiasRegularizer { get; }

    /// <summary>Projection of the kernel after updates, or null.</summary>
    public IConstraint? KernelConstraint { get; }

    /// <summary>Projection of the bias after updates, or null.</summary>
    public IConstraint? BiasConstraint { get; }

    /// <summary>The kernel variable (after build).</summary>
    public Node Kernel { get; private set; } = null!;

    /// <summary>The bias variable (after build, when <see cref="UseBias"/>).</summary>
    public Node? Bias { get; private set; }

    /// <inheritdoc/>
    protected override void Build(Shape inputShape)
    {
        int inputDim = inputShape[-1] ?? throw new ArgumentException(
            $"Layer {Name}: the last dimension of the inputs to Dense should be defined. Found None (shape {inputShape}).");
        Kernel = AddWeight("kernel", Shape.Of(inputDim, Units), KernelInitializer, regularizer: KernelRegularizer, constraint: KernelConstraint);
        if (UseBias) Bias = AddWeight("bias", Shape.Of(Units), BiasInitializer, regularizer: BiasRegularizer, constraint: BiasConstraint);
        InputSpec = new InputSpec(minNdim: 2, axes: new Dictionary<int, int> { [-1] = inputDim });
    }

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        // Rank-2 inputs with a bias and a linear or ReLU activation take the fused op (bias and ReLU in the GEMM).
        bool relu = Activation.Name == "relu";
        if (inputs.Shape.Rank == 2 && Bias is not null && (relu || Activation.IsLinear))
            return G.Dense(inputs, Kernel, Bias, relu);
        var output = G.Dot(inputs, Kernel);
        if (Bias is not null) output = G.BiasAdd(output, Bias);
        return Activation.Function(output);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.WithDim(-1, Units);
}
