using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's 1-D pooling layers on <c>(batch, steps, features)</c>: windows of <see cref="PoolSize"/>, strides
/// defaulting to the pool size, padding "valid" or "same". Do not support masking (Keras 2).
/// </summary>
public abstract class Pooling1D : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["pool_size"] = ConfigJson.Ints([PoolSize]);
        config["strides"] = ConfigJson.Ints([Strides]);
        config["padding"] = Padding;
        config["data_format"] = "channels_last";
    }

    private protected Pooling1D(int poolSize, int? strides, string padding, string? name) : base(name)
    {
        PoolSize = poolSize;
        Strides = strides ?? poolSize;
        Padding = padding is "valid" or "same" ? padding : throw new ArgumentException($"The `padding` argument must be one of \"valid\", \"same\". Received: {padding}", nameof(padding));
        InputSpec = new InputSpec(ndim: 3);
    }

    /// <summary>Window size.</summary>
    public int PoolSize { get; }

    /// <summary>Step between windows.</summary>
    public int Strides { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        new(inputShape[0], Conv.OutputLength(inputShape[1], PoolSize, Padding, Strides), inputShape[2]);
}

/// <summary>Keras's <c>MaxPooling1D(pool_size=2)</c>.</summary>
public sealed class MaxPooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? name = null)
    : Pooling1D(poolSize, strides, padding, name)
{
    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.MaxPool1D(inputs, PoolSize, Strides, Padding);
}

/// <summary>Keras's <c>AveragePooling1D(pool_size=2)</c>; "same" windows average only their valid elements.</summary>
public sealed class AveragePooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? name = null)
    : Pooling1D(poolSize, strides, padding, name)
{
    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.AvgPool1D(inputs, PoolSize, Strides, Padding);
}

/// <summary>
/// Keras's 2-D pooling layers on <c>(batch, rows, cols, channels)</c>: windows of <see cref="PoolSize"/> (rows, cols),
/// strides defaulting to the pool size. Do not support masking.
/// </summary>
public abstract class Pooling2D : Layer
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["pool_size"] = ConfigJson.Ints([PoolSize.Rows, PoolSize.Cols]);
        config["strides"] = ConfigJson.Ints([Strides.Rows, Strides.Cols]);
        config["padding"] = Padding;
        config["data_format"] = "channels_last";
    }

    private protected Pooling2D((int, int)? poolSize, (int, int)? strides, string padding, string? name) : base(name)
    {
        PoolSize = poolSize ?? (2, 2);
        Strides = strides ?? PoolSize;
        Padding = padding is "valid" or "same" ? padding : throw new ArgumentException($"The `padding` argument must be one of \"valid\", \"same\". Received: {padding}", nameof(padding));
        InputSpec = new InputSpec(ndim: 4);
    }

    /// <summary>Window size (rows, cols).</summary>
    public (int Rows, int Cols) PoolSize { get; }

    /// <summary>Steps between windows (rows, cols).</summary>
    public (int Rows, int Cols) Strides { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0],
        Conv.OutputLength(inputShape[1], PoolSize.Rows, Padding, Strides.Rows),
        Conv.OutputLength(inputShape[2], PoolSize.Cols, Padding, Strides.Cols), inputShape[3]);
}

/// <summary>Keras's <c>MaxPooling2D(pool_size=(2, 2))</c>.</summary>
public sealed class MaxPooling2D((int, int)? poolSize = null, (int, int)? strides = null, string padding = "valid", string? name = null)
    : Pooling2D(poolSize, strides, padding, name)
{
    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.MaxPool2D(inputs, PoolSize, Strides, Padding);
}

/// <summary>Keras's <c>AveragePooling2D(pool_size=(2, 2))</c>.</summary>
public sealed class AveragePooling2D((int, int)? poolSize = null, (int, int)? strides = null, string padding = "valid", string? name = null)
    : Pooling2D(poolSize, strides, padding, name)
{
    /// <inheritdoc/>
    protected override Node Call(Node inputs, TrainingArg training, Node? mask) => G.AvgPool2D(inputs, PoolSize, Strides, Padding);
}
