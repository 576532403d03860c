using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// The factories of the built-in layers, by Keras class name, reading the keys their <c>AddConfig</c> writes (absent
/// keys take Keras's defaults).
/// </summary>
internal static class BuiltInLayers
{
    public static void RegisterCore(LayerRegistry r)
    {
        r.Register("InputLayer", c => new InputLayer(c.Dims("batch_input_shape") ?? throw new ArgumentException($"Input layer {c.Name} has no batch_input_shape."),
            ParseDType(c.String("dtype", "float32")), c.Name));
        r.Register("Dense", c => new Dense(c.Int("units"), c.Activation(), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("bias_initializer"), c.Regularizer("kernel_regularizer"),
            c.Regularizer("bias_regularizer"), c.Regularizer("activity_regularizer"), c.Constraint("kernel_constraint"),
            c.Constraint("bias_constraint"), c.Name));
        r.Register("Activation", c => new Activation(c.Activation(), c.Name));
        r.Register("LeakyReLU", c => new LeakyReLU(c.Double("alpha", 0.3), c.Name));
        r.Register("ELU", c => new ELU(c.Double("alpha", 1.0), c.Name));
        r.Register("ThresholdedReLU", c => new ThresholdedReLU(c.Double("theta", 1.0), c.Name));
        r.Register("Softmax", c => new Softmax(c.Int("axis", -1), c.Name));
        r.Register("PReLU", c => new PReLU(c.Initializer("alpha_initializer"), c.Regularizer("alpha_regularizer"),
            c.Constraint("alpha_constraint"), c.IntsOrNull("shared_axes"), c.Name));
        r.Register("Dropout", c => new Dropout(c.Double("rate"), c.Dims("noise_shape"), c.IntOrNull("seed"), c.Name));
        r.Register("SpatialDropout1D", c => new SpatialDropout1D(c.Double("rate"), c.IntOrNull("seed"), c.Name));
        r.Register("SpatialDropout2D", c => new SpatialDropout2D(c.Double("rate"), c.IntOrNull("seed"), c.Name));
        r.Register("GaussianNoise", c => new GaussianNoise(c.Double("stddev"), c.IntOrNull("seed"), c.Name));
        r.Register("GaussianDropout", c => new GaussianDropout(c.Double("rate"), c.IntOrNull("seed"), c.Name));
        r.Register("AlphaDropout", c => new AlphaDropout(c.Double("rate"), c.Dims("noise_shape"), c.IntOrNull("seed"), c.Name));
        r.Register("BatchNormalization", c => new BatchNormalization(c.Int("axis", -1), c.Double("momentum", 0.99),
            c.Double("epsilon", 1e-3), c.Bool("center", true), c.Bool("scale", true), c.Initializer("beta_initializer"),
            c.Initializer("gamma_initializer"), c.Initializer("moving_mean_initializer"), c.Initializer("moving_variance_initializer"),
            c.Regularizer("beta_regularizer"), c.Regularizer("gamma_regularizer"), c.Constraint("beta_constraint"),
            c.Constraint("gamma_constraint"), c.Name));
        r.Register("LayerNormalization", c => new LayerNormalization(c.Int("axis", -1), c.Double("epsilon", 1e-3),
            c.Bool("center", true), c.Bool("scale", true), c.Initializer("beta_initializer"), c.Initializer("gamma_initializer"), c.Name));
        r.Register("Embedding", c => new Embedding(c.Int("input_dim"), c.Int("output_dim"), c.Initializer("embeddings_initializer"),
            c.Regularizer("embeddings_regularizer"), c.Regularizer("activity_regularizer"), c.Constraint("embeddings_constraint"),
            c.Bool("mask_zero", false), c.IntOrNull("input_length"), c.Name));
        r.Register("Masking", c => new Masking(c.Double("mask_value", 0), c.Name));
        r.Register("Lambda", c =>
        {
            string function = c.String("function", "");
            return new Lambda(c.Registry.GetFunction(function), name: c.Name) { FunctionName = function };
        });
        r.Register("Network", c => NetworkConfig.FromConfig(c.Config, c.Registry, (inputs, outputs, name) => new Network(inputs, outputs, name)));
    }

    public static void RegisterMore(LayerRegistry r)
    {
        r.Register("Flatten", c => new Flatten(c.Name));
        r.Register("Reshape", c => new Reshape(c.Ints("target_shape"), c.Name));
        r.Register("Permute", c => new Permute(c.Ints("dims"), c.Name));
        r.Register("RepeatVector", c => new RepeatVector(c.Int("n"), c.Name));
        r.Register("Add", c => new Add(c.Name));
        r.Register("Subtract", c => new Subtract(c.Name));
        r.Register("Multiply", c => new Multiply(c.Name));
        r.Register("Average", c => new Average(c.Name));
        r.Register("Maximum", c => new Maximum(c.Name));
        r.Register("Minimum", c => new Minimum(c.Name));
        r.Register("Concatenate", c => new Concatenate(c.Int("axis", -1), c.Name));
        r.Register("Dot", c => new Dot(c.IntsOrNull("axes") is { Length: 1 } one ? [one[0], one[0]] : c.Ints("axes"), c.Bool("normalize", false), c.Name));
        r.Register("Conv1D", c => new Conv1D(c.Int("filters"), c.Ints("kernel_size")[0], c.IntsOrNull("strides")?[0] ?? 1,
            c.String("padding", "valid"), c.IntsOrNull("dilation_rate")?[0] ?? 1, c.Activation(), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("bias_initializer"), c.Regularizer("kernel_regularizer"),
            c.Regularizer("bias_regularizer"), c.Regularizer("activity_regularizer"), c.Constraint("kernel_constraint"),
            c.Constraint("bias_constraint"), c.Name));
        r.Register("Conv2D", c => new Conv2D(c.Int("filters"), Pair(c.IntsOrNull("kernel_size"))!.Value, Pair(c.IntsOrNull("strides")),
            c.String("padding", "valid"), Pair(c.IntsOrNull("dilation_rate")), c.Activation(), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("bias_initializer"), c.Regularizer("kernel_regularizer"),
            c.Regularizer("bias_regularizer"), c.Regularizer("activity_regularizer"), c.Constraint("kernel_constraint"),
            c.Constraint("bias_constraint"), c.Name));
        r.Register("MaxPooling1D", c => new MaxPooling1D(c.IntsOrNull("pool_size")?[0] ?? 2, c.IntsOrNull("strides")?[0], c.String("padding", "valid"), c.Name));
        r.Register("AveragePooling1D", c => new AveragePooling1D(c.IntsOrNull("pool_size")?[0] ?? 2, c.IntsOrNull("strides")?[0], c.String("padding", "valid"), c.Name));
        r.Register("MaxPooling2D", c => new MaxPooling2D(Pair(c.IntsOrNull("pool_size")), Pair(c.IntsOrNull("strides")), c.String("padding", "valid"), c.Name));
        r.Register("AveragePooling2D", c => new AveragePooling2D(Pair(c.IntsOrNull("pool_size")), Pair(c.IntsOrNull("strides")), c.String("padding", "valid"), c.Name));
        r.Register("GlobalAveragePooling1D", c => new GlobalAveragePooling1D(c.Name));
        r.Register("GlobalMaxPooling1D", c => new GlobalMaxPooling1D(c.Name));
        r.Register("GlobalAveragePooling2D", c => new GlobalAveragePooling2D(c.Name));
        r.Register("GlobalMaxPooling2D", c => new GlobalMaxPooling2D(c.Name));
        r.Register("TimeDistributed", c => new TimeDistributed(c.Layer("layer"), c.Name));
    }

    /// <summary>The dtype spelled as numpy/TF does (<c>float32</c>).</summary>
    /// <exception cref="ArgumentException">an unknown spelling.</exception>
    public static DType ParseDType(string name)
    {
        foreach (var dtype in Enum.GetValues<DType>())
            if (dtype.Name() == name) return dtype;
        throw new ArgumentException($"Unknown dtype: {name}");
    }

    /// <summary>Keras's int-or-pair arguments: one value is used for both.</summary>
    private static (int, int)? Pair(int[]? values) => values switch
    {
        null => null,
        [var v] => (v, v),
        [var a, var b] => (a, b),
        _ => throw new ArgumentException($"Expected 1 or 2 values; got [{string.Join(", ", values)}]."),
    };
}
