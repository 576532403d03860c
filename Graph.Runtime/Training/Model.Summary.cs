using System.Globalization;
using System.Text;
using Graph.Core;
using Graph.Ops.Layers;

namespace Graph.Runtime.Training;

public partial class Model
{
    /// <summary>
    /// Keras 2's <c>model.summary()</c>: one row per layer of <see cref="Network.Layers"/> with
    /// <c>Layer (type)</c>, <c>Output Shape</c> (<c>multiple</c> when the layer's calls disagree), <c>Param #</c>
    /// (all its weights), plus <c>Connected to</c> (<c>layer[node][tensor]</c>) unless the model is a plain chain;
    /// then <c>Total params</c>, <c>Trainable params</c> and <c>Non-trainable params</c> with thousands separators.
    /// Widths as Keras: 65 columns at 45%/85%/100% for chains, 98 at 33%/55%/67%/100% otherwise.
    /// </summary>
    /// <param name="print">Also write the text (to <paramref name="printFn"/>, else the console), line by line.</param>
    /// <param name="lineLength">Total width; Keras's default when null.</param>
    /// <param name="printFn">Receives each line when printing.</param>
    /// <returns>The table, lines separated by '\n'.</returns>
    /// <exception cref="InvalidOperationException">a model without inputs yet (Keras's "not yet been built").</exception>
    public string Summary(bool print = true, int? lineLength = null, Action<string>? printFn = null)
    {
        if (!Built)
            throw new InvalidOperationException(
                $"This model ({Name}) has not yet been built. Build the model first by calling it on data, or specify InputShape or BatchInputShape in the first layer for automatic build.");
        bool sequentialLike = this is Sequential || !IsGraphNetwork || IsChain();
        int length = lineLength ?? (sequentialLike ? 65 : 98);
        int[] positions = (sequentialLike ? new[] { .45, .85, 1 } : [.33, .55, .67, 1]).Select(p => (int)(length * p)).ToArray();
        var lines = new List<string> { new('_', length) };
        lines.Add(Row(sequentialLike ? ["Layer (type)", "Output Shape", "Param #"] : ["Layer (type)", "Output Shape", "Param #", "Connected to"], positions));
        lines.Add(new string('=', length));
        var kept = GraphCalls.Concat(InputLayers.Select(l => l.Calls[0])).ToHashSet();
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            string[] fields = [$"{layer.Name} ({layer.ClassName})", OutputShapeText(layer), ParamCount(layer.Weights).ToString(CultureInfo.InvariantCulture)];
            if (sequentialLike) lines.Add(Row(fields, positions));
            else
            {
                var connections = layer.Calls.Where(kept.Contains).SelectMany(c => c.Inputs).Select(n => Connection(n, kept)).ToArray();
                lines.Add(Row([.. fields, connections.FirstOrDefault() ?? ""], positions));
                lines.AddRange(connections.Skip(1).Select(c => Row(["", "", "", c], positions)));
            }
            lines.Add(new string(i == Layers.Count - 1 ? '=' : '_', length));
        }
        long trainable = ParamCount(TrainableWeights), nonTrainable = ParamCount(NonTrainableWeights);
        lines.Add($"Total params: {Thousands(trainable + nonTrainable)}");
        lines.Add($"Trainable params: {Thousands(trainable)}");
        lines.Add($"Non-trainable params: {Thousands(nonTrainable)}");
        lines.Add(new string('_', length));
        if (print)
            foreach (var line in lines) (printFn ?? Console.WriteLine)(line);
        return string.Join('\n', lines);
    }

    /// <summary>Keras's test: one input, one output, each call one input and one consumer, no shared layer.</summary>
    private bool IsChain()
    {
        if (Inputs.Count != 1 || Outputs.Count != 1) return false;
        var calls = GraphCalls;
        return calls.All(c => c.Inputs.Count == 1)
            && calls.GroupBy(c => c.Layer).All(g => g.Count() == 1)
            && calls.SelectMany(c => c.Inputs).GroupBy(n => n).All(g => g.Count() == 1);
    }

    private static string Connection(Node input, HashSet<LayerCall> kept)
    {
        var (call, index) = KerasHistory.ProducerOf(input)!.Value;
        int node = call.Layer.Calls.Where(kept.Contains).ToList().IndexOf(call);
        return $"{call.Layer.Name}[{node}][{index}]";
    }

    /// <summary>Python's repr of the output shape(s), or <c>multiple</c> when the layer's calls give different ones.</summary>
    private static string OutputShapeText(Layer layer)
    {
        var texts = layer.Calls.Select(c => c.Outputs.Count == 1
            ? Tuple(c.Outputs[0].Shape)
            : "[" + string.Join(", ", c.Outputs.Select(o => Tuple(o.Shape))) + "]").Distinct().ToArray();
        return texts.Length == 1 ? texts[0] : "multiple";
    }

    private static string Tuple(Shape shape)
    {
        var dims = shape.Dims.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "None").ToArray();
        return dims.Length == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
    }

    /// <summary>Keras's <c>print_row</c>: each field cut or padded to end at its position, a space kept between fields.</summary>
    private static string Row(string[] fields, int[] positions)
    {
        var line = new StringBuilder();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0 && line.Length > 0) line[^1] = ' ';
            line.Append(fields[i]);
            if (line.Length > positions[i]) line.Length = positions[i];
            line.Append(' ', positions[i] - line.Length);
        }
        return line.ToString();
    }

    private static long ParamCount(IEnumerable<Node> weights) => weights.Sum(w => w.Shape.Dims.Aggregate(1L, (n, d) => n * d!.Value));

    private static string Thousands(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
