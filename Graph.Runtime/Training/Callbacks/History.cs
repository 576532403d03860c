using System.Globalization;
using System.Text;

namespace Graph.Runtime.Training.Callbacks;

/// <summary>What <c>Fit</c> returns: each epoch's averaged metrics (Keras's <c>History.history</c>).</summary>
public sealed class History : Callback
{
    private readonly Dictionary<string, List<double>> _values = new();
    private readonly List<string> _order = new();

    /// <summary>The epochs recorded (0-based, offset by <c>initialEpoch</c>).</summary>
    public List<int> Epochs { get; } = new();

    /// <summary>Metric name → one value per epoch, in the order the metrics first appeared.</summary>
    public IReadOnlyDictionary<string, List<double>> Values => _values;

    /// <summary>Metric names in first-seen order.</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>The values of one metric.</summary>
    public IReadOnlyList<double> this[string metric] => _values[metric];

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        Epochs.Add(epoch);
        foreach (var (name, value) in logs)
        {
            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = new List<double>();
                _order.Add(name);
            }
            list.Add(value);
        }
    }

    /// <summary>CSV with a header <c>epoch,loss,...</c> and one row per epoch (invariant culture, round-trip precision).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("epoch");
        foreach (var key in _order) sb.Append(',').Append(key);
        sb.Append('\n');
        for (int i = 0; i < Epochs.Count; i++)
        {
            sb.Append(Epochs[i].ToString(CultureInfo.InvariantCulture));
            foreach (var key in _order)
            {
                var list = _values[key];
                sb.Append(',').Append(i < list.Count ? list[i].ToString("R", CultureInfo.InvariantCulture) : "");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
