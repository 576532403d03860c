using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Configs of the recurrent layers: cells with Keras's keys, <c>RNN</c> with its <c>cell</c>, and SimpleRNN/LSTM/GRU
/// with the cell's arguments inlined (Keras 2's layer configs carry <c>units</c>, <c>activation</c>, ... directly).
/// </summary>
internal static class RecurrentConfig
{
    /// <summary>Replaces <c>cell</c> by the cell's own keys (except name and trainable), as Keras's SimpleRNN/LSTM/GRU.</summary>
    public static void InlineCell(JsonObject config)
    {
        var cell = config["cell"]?["config"]?.AsObject() ?? throw new InvalidOperationException("The RNN config has no cell.");
        config.Remove("cell");
        foreach (var (key, value) in cell)
            if (key is not ("name" or "trainable")) config[key] = value?.DeepClone();
    }

    public static void Register(LayerRegistry r)
    {
        r.Register("SimpleRNNCell", c => new SimpleRNNCell(c.Int("units"), Act(c, "activation", "tanh"), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"), c.Initializer("bias_initializer"),
            c.Double("dropout", 0), c.Double("recurrent_dropout", 0), c.IntOrNull("seed"), DTypeOf(c), c.Name));
        r.Register("LSTMCell", c => new LSTMCell(c.Int("units"), Act(c, "activation", "tanh"), Act(c, "recurrent_activation", "sigmoid"),
            c.Bool("use_bias", true), c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"),
            c.Initializer("bias_initializer"), c.Bool("unit_forget_bias", true), c.Double("dropout", 0), c.Double("recurrent_dropout", 0),
            c.IntOrNull("seed"), DTypeOf(c), c.Name));
        r.Register("GRUCell", c => new GRUCell(c.Int("units"), Act(c, "activation", "tanh"), Act(c, "recurrent_activation", "sigmoid"),
            c.Bool("use_bias", true), c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"),
            c.Initializer("bias_initializer"), c.Double("dropout", 0), c.Double("recurrent_dropout", 0), c.Bool("reset_after", true),
            c.IntOrNull("seed"), DTypeOf(c), c.Name));
        r.Register("StackedRNNCells", c => new StackedRNNCells(
            (c.Config["cells"] as JsonArray ?? throw new ArgumentException($"Layer {c.Name}: the config has no 'cells'."))
            .Select(s => Cell(c, s!.AsObject())).ToArray(), c.Name));
        r.Register("RNN", c => new RNN(Cell(c, c.Config["cell"]?.AsObject() ?? throw new ArgumentException($"Layer {c.Name}: the config has no 'cell'.")),
            c.Bool("return_sequences", false), c.Bool("return_state", false), c.Bool("go_backwards", false),
            c.Bool("stateful", false), c.Bool("unroll", false), c.Name));
        r.Register("SimpleRNN", c => new SimpleRNN(c.Int("units"), Act(c, "activation", "tanh"), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"), c.Initializer("bias_initializer"),
            c.Double("dropout", 0), c.Double("recurrent_dropout", 0), c.Bool("return_sequences", false), c.Bool("return_state", false),
            c.Bool("go_backwards", false), c.Bool("stateful", false), c.Bool("unroll", false), c.IntOrNull("seed"), DTypeOf(c), c.Name));
        r.Register("LSTM", c => new LSTM(c.Int("units"), Act(c, "activation", "tanh"), Act(c, "recurrent_activation", "sigmoid"),
            c.Bool("use_bias", true), c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"),
            c.Initializer("bias_initializer"), c.Bool("unit_forget_bias", true), c.Double("dropout", 0), c.Double("recurrent_dropout", 0),
            c.Bool("return_sequences", false), c.Bool("return_state", false), c.Bool("go_backwards", false), c.Bool("stateful", false),
            c.Bool("unroll", false), c.IntOrNull("seed"), DTypeOf(c), c.Name));
        r.Register("GRU", c => new GRU(c.Int("units"), Act(c, "activation", "tanh"), Act(c, "recurrent_activation", "sigmoid"),
            c.Bool("use_bias", true), c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"),
            c.Initializer("bias_initializer"), c.Double("dropout", 0), c.Double("recurrent_dropout", 0), c.Bool("reset_after", true),
            c.Bool("return_sequences", false), c.Bool("return_state", false), c.Bool("go_backwards", false), c.Bool("stateful", false),
            c.Bool("unroll", false), c.IntOrNull("seed"), DTypeOf(c), c.Name));
        r.Register("Bidirectional", c => new Bidirectional(Rnn(c, "layer")!,
            c.Config.ContainsKey("merge_mode") ? c.Config["merge_mode"]?.GetValue<string>() : "concat", Rnn(c, "backward_layer"), c.Name));
    }

    private static ActivationArg Act(LayerConfigReader c, string key, string fallback) => c.Activation(key, fallback);

    private static DType DTypeOf(LayerConfigReader c) => BuiltInLayers.ParseDType(c.String("dtype", "float32"));

    private static RecurrentCell Cell(LayerConfigReader c, JsonObject spec) => c.Registry.FromConfig(spec) as RecurrentCell
        ?? throw new ArgumentException($"Layer {c.Name}: '{spec["class_name"]}' is not a recurrent cell.");

    private static RNN? Rnn(LayerConfigReader c, string key) => !c.Has(key) ? null
        : c.Layer(key) as RNN ?? throw new ArgumentException($"Layer {c.Name}: '{key}' is not a recurrent layer.");
}
