using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Graph.Runtime.Training;

/// <summary>
/// Keras 2's progress bar (<c>keras.utils.generic_utils.Progbar</c>). <c>verbose: 1</c> redraws one line per
/// update, e.g. <c> 640/1797 [==========&gt;...................] - ETA: 1s - loss: 0.2154 - acc: 0.9375</c>, and ends
/// with <c>1797/1797 [==============================] - 1s 544us/step - loss: ... </c>; <c>verbose: 2</c> prints
/// only the final <c> - 1s - loss: ...</c>. Metric values are averaged over the samples seen (weighted by the batch
/// size). When the output is not interactive (redirected to a file) the line is written once, at the end, so the
/// file holds no carriage returns or backspaces.
/// </summary>
public sealed class Progbar
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private readonly int _verbose;
    private readonly bool _dynamic;
    private readonly Func<double> _clock;
    private readonly List<string> _order = new();
    private readonly Dictionary<string, (double Sum, double Count)> _values = new();
    private readonly double _start;
    private double _lastUpdate = double.NegativeInfinity;
    private int _totalWidth;

    /// <summary>A bar counting up to <paramref name="target"/> samples.</summary>
    /// <param name="target">Total samples of the epoch.</param>
    /// <param name="verbose">1: live bar; 2: one line at the end; 0: silent.</param>
    /// <param name="writer">Where to write (default: standard output).</param>
    /// <param name="dynamic">Redraw in place (default: when the output is an interactive console).</param>
    /// <param name="clock">Seconds since some origin (tests pass a fake clock).</param>
    public Progbar(int target, int verbose = 1, TextWriter? writer = null, bool? dynamic = null, Func<double>? clock = null)
    {
        Target = target;
        _verbose = verbose;
        _writer = writer ?? Console.Out;
        _dynamic = dynamic ?? (writer is null && !Console.IsOutputRedirected);
        var stopwatch = Stopwatch.StartNew();
        _clock = clock ?? (() => stopwatch.Elapsed.TotalSeconds);
        _start = _clock();
    }

    /// <summary>Total samples.</summary>
    public int Target { get; }

    /// <summary>Minimum seconds between redraws of a live bar.</summary>
    public double Interval { get; init; } = 0.05;

    /// <summary>Records <paramref name="samples"/> more samples' batch metrics (averaged over samples, weighted by batch size); draws nothing.</summary>
    public void Accumulate(int samples, IEnumerable<KeyValuePair<string, double>> values)
    {
        foreach (var (name, value) in values)
        {
            if (!_values.ContainsKey(name)) _order.Add(name);
            var (sum, count) = _values.GetValueOrDefault(name);
            _values[name] = (sum + value * samples, count + samples);
        }
    }

    /// <summary>The running average of <paramref name="name"/>.</summary>
    public double Average(string name) => _values.TryGetValue(name, out var v) ? v.Sum / Math.Max(1, v.Count) : double.NaN;

    /// <summary>Replaces a metric's value by one already averaged over the epoch (e.g. validation results).</summary>
    public void Set(string name, double value)
    {
        if (!_values.ContainsKey(name)) _order.Add(name);
        _values[name] = (value, 1);
    }

    /// <summary>Draws the bar at <paramref name="current"/> samples; the final update (current ≥ target) always draws.</summary>
    public void Update(int current, bool force = false)
    {
        if (_verbose == 0) return;
        double now = _clock();
        bool finished = current >= Target;
        if (_verbose == 2)
        {
            if (finished) _writer.Write(" - " + Seconds(now - _start) + Metrics() + "\n");
            return;
        }
        if (!finished && (!_dynamic || (!force && now - _lastUpdate < Interval))) return;
        _lastUpdate = now;

        var line = new StringBuilder();
        int digits = Target.ToString(CultureInfo.InvariantCulture).Length;
        line.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(digits)).Append('/').Append(Target).Append(" [");
        int filled = Target > 0 ? (int)(Width * Math.Min(1.0, (double)current / Target)) : Width;
        if (filled > 0) line.Append('=', filled - 1).Append(finished ? '=' : '>');
        line.Append('.', Width - filled).Append(']');
        double perSample = current > 0 ? (now - _start) / current : 0;
        line.Append(finished ? $" - {Seconds(now - _start)} {PerStep(perSample)}" : $" - ETA: {Eta(perSample * (Target - current))}");
        line.Append(Metrics());

        string text = line.ToString();
        int previous = _totalWidth;
        _totalWidth = text.Length;
        if (_dynamic)
        {
            _writer.Write('\r');
            if (previous > text.Length) text += new string(' ', previous - text.Length);
        }
        _writer.Write(text);
        if (finished) _writer.Write('\n');
        _writer.Flush();
    }

    private string Metrics()
    {
        var sb = new StringBuilder();
        foreach (var name in _order)
        {
            var (sum, count) = _values[name];
            double average = sum / Math.Max(1, count);
            sb.Append(" - ").Append(name).Append(": ")
              .Append(Math.Abs(average) > 1e-3 ? average.ToString("F4", CultureInfo.InvariantCulture) : average.ToString("0.0000e+00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Seconds(double seconds) => Math.Round(seconds).ToString("0", CultureInfo.InvariantCulture) + "s";

    private static string PerStep(double seconds) =>
        seconds >= 1 ? $"{seconds:0}s/step" : seconds >= 1e-3 ? $"{seconds * 1e3:0}ms/step" : $"{seconds * 1e6:0}us/step";

    private static string Eta(double eta) =>
        eta > 3600 ? $"{(int)(eta / 3600)}:{(int)(eta % 3600 / 60):00}:{(int)(eta % 60):00}"
        : eta > 60 ? $"{(int)(eta / 60)}:{(int)(eta % 60):00}"
        : $"{(int)eta}s";
}
