using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's convolution layers (channels last): kernel <c>(kernel…, input_channels, filters)</c> glorot_uniform, bias
/// <c>(filters,)</c> zeros, then the activation. Padding "valid" or "same" (and "causal" for Conv1D: left padding of
/// <c>dilation·(kernel − 1)</c>, then valid). Does not support masking.
/// </summary>
public abstract class Conv : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["filters"] = Filters;
        config["kernel_size"] = ConfigJson.Ints(KernelSize);
        config["strides"] = ConfigJson.Ints(Strides);
        config["padding"] = Padding;
        config["data_format"] = "channels_last";
        config["dilation_rate"] = ConfigJson.Ints(DilationRate);
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = ConfigJson.Initializer(_kernelInit);
        config["bias_initializer"] = ConfigJson.Initializer(_biasInit);
        config["kernel_regularizer"] = ConfigJson.Regularizer(_kernelRegularizer);
        config["bias_regularizer"] = ConfigJson.Regularizer(_biasRegularizer);
        config["activity_regularizer"] = ConfigJson.Regularizer(ActivityRegularizer);
        config["kernel_constraint"] = ConfigJson.Constraint(_kernelConstraint);
        config["bias_constraint"] = ConfigJson.Constraint(_biasConstraint);
    }

    private protected Conv(int rank, int filters, int[] kernelSize, int[] strides, string padding, int[] dilationRate,
        ActivationArg activation, bool useBias, InitializerArg kernelInitializer, InitializerArg biasInitializer,
        IRegularizer? kernelRegularizer, IRegularizer? biasRegularizer, IRegularizer? activityRegularizer,
        IConstraint? kernelConstraint, IConstraint? biasConstraint, string? name) : base(name)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), $"A convolution needs filters > 0; got {filters}.");
        if (padding is not ("valid" or "same") && !(padding == "causal" && rank == 1))
            throw new ArgumentException($"The `padding` argument must be one of \"valid\", \"same\"{(rank == 1 ? ", \"causal\"" : "")}. Received: {padding}", nameof(padding));
        if (kernelSize.Concat(strides).Concat(dilationRate).Any(v => v <= 0))
            throw new ArgumentException("Kernel sizes, strides and dilation rates must be positive.");
        Rank = rank;
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
        DilationRate = dilationRate;
        Activation = activation;
        UseBias = useBias;
        _kernelInit = kernelInitializer.IsDefault ? "glorot_uniform" : kernelInitializer;
        _biasInit = biasInitializer.IsDefault ? "zeros" : biasInitializer;
        (_kernelRegularizer, _biasRegularizer, _kernelConstraint, _biasConstraint) = (kernelRegularizer, biasRegularizer, kernelConstraint, biasConstraint);
        ActivityRegularizer = activityRegularizer;
        InputSpec = new InputSpec(ndim: rank + 2);
    }

    private readonly InitializerArg _kernelInit, _biasInit;
    private readonly IRegularizer? _kernelRegularizer, _biasRegularizer;
    private readonly IConstraint? _kernelConstraint, _biasConstraint;

    /// <summary>Number of spatial dimensions.</summary>
    public int Rank { get; }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Window size per spatial dimension.</summary>
    public int[] KernelSize { get; }

    /// <summary>Strides per spatial dimension.</summary>
    public int[] Strides { get; }

    /// <summary>"valid", "same" (or "causal" for Conv1D).</summary>
    public string Padding { get; }

    /// <summary>Dilation per spatial dimension.</summary>
    public int[] DilationRate { get; }

    /// <summary>The activation.</summary>
    public ActivationArg Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>The kernel (after build).</summary>
    public Node Kernel { get; private set; } = null!;

    /// <summary>The bias (after build, when used).</summary>
    public Node? Bias { get; private set; }

    /// <inheritdoc/>
    protected override void Build(Shape inputShape)
    {
        int channels = inputShape[-1] ?? throw new ArgumentException(
            $"Layer {Name}: the channel dimension of the inputs should be defined. Found None (shape {inputShape}).");
        Kernel = AddWeight("kernel", Shape.Of([.. KernelSize, channels, Filters]), _kernelInit, regularizer: _kernelRegularizer, constraint: _kernelConstraint);
        if (UseBias) Bias = AddWeight("bias", Shape.Of(Filters), _biasInit, regularizer: _biasRegularizer, constraint: _biasConstraint);
        InputSpec = new InputSpec(ndim: Rank + 2, axes: new Dictionary<int, int> { [-1] = channels });
    }

    /// <summary>The convolution itself (no bias, no activation).</summary>
    private protected abstract Node Convolve(Node inputs);

    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask)
    {
        var output = Convolve(inputs);
        if (Bias is not null) output = G.BiasAdd(output, Bias);
        return Activation.Function(output);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = new int?[Rank + 2];
        dims[0] = inputShape[0];
        for (int i = 0; i < Rank; i++)
            dims[i + 1] = OutputLength(inputShape[i + 1], KernelSize[i], Padding, Strides[i], DilationRate[i]);
        dims[^1] = Filters;
        return new Shape(dims);
    }

    /// <summary>Keras's <c>conv_output_length</c>.</summary>
    internal static int? OutputLength(int? length, int filter, string padding, int stride, int dilation = 1)
    {
        if (length is not { } n) return null;
        int dilated = (filter - 1) * dilation + 1;
        int output = padding switch { "same" or "causal" => n, "full" => n + dilated - 1, _ => n - dilated + 1 };
        return Math.Max(0, (output + stride - 1) / stride);
    }
}

/// <summary>Keras's <c>Conv1D(filters, kernel_size)</c> on <c>(batch, steps, channels)</c>.</summary>
public sealed class Conv1D : Conv
{
    /// <summary>A 1-D convolution.</summary>
    public Conv1D(int filters, int kernelSize, int strides = 1, string padding = "valid", int dilationRate = 1,
        ActivationArg activation = default, bool useBias = true, InitializerArg kernelInitializer = default,
        InitializerArg biasInitializer = default, IRegularizer? kernelRegularizer = null, IRegularizer? biasRegularizer = null,
        IRegularizer? activityRegularizer = null, IConstraint? kernelConstraint = null, IConstraint? biasConstraint = null, string? name = null)
        : base(1, filters, [kernelSize], [strides], padding, [dilationRate], activation, useBias, kernelInitializer, biasInitializer,
            kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, name) { }

    private protected override Node Convolve(Node inputs)
    {
        if (Padding != "causal") return G.Conv1D(inputs, Kernel, Strides[0], Padding, DilationRate[0]);
        var padded = G.Pad(inputs, new int[,] { { 0, 0 }, { DilationRate[0] * (KernelSize[0] - 1), 0 }, { 0, 0 } });
        return G.Conv1D(padded, Kernel, Strides[0], "valid", DilationRate[0]);
    }
}

/// <summary>Keras's <c>Conv2D(filters, kernel_size)</c> on <c>(batch, rows, cols, channels)</c>.</summary>
public sealed class Conv2D : Conv
{
    /// <summary>A 2-D convolution; sizes are (rows, cols).</summary>
    public Conv2D(int filters, (int, int) kernelSize, (int, int)? strides = null, string padding = "valid", (int, int)? dilationRate = null,
        ActivationArg activation = default, bool useBias = true, InitializerArg kernelInitializer = default,
        InitializerArg biasInitializer = default, IRegularizer? kernelRegularizer = null, IRegularizer? biasRegularizer = null,
        IRegularizer? activityRegularizer = null, IConstraint? kernelConstraint = null, IConstraint? biasConstraint = null, string? name = null)
        : base(2, filters, [kernelSize.Item1, kernelSize.Item2], Pair(strides ?? (1, 1)), padding, Pair(dilationRate ?? (1, 1)),
            activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer,
            kernelConstraint, biasConstraint, name) { }

    /// <summary>A 2-D convolution with a square kernel.</summary>
    public Conv2D(int filters, int kernelSize, ActivationArg activation = default, string padding = "valid", string? name = null)
        : this(filters, (kernelSize, kernelSize), padding: padding, activation: activation, name: name) { }

    private static int[] Pair((int, int) p) => [p.Item1, p.Item2];

    private protected override Node Convolve(Node inputs) =>
        G.Conv2D(inputs, Kernel, (Strides[0], Strides[1]), Padding, (DilationRate[0], DilationRate[1]));
}
