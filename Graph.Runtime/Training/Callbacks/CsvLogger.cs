using System.Globalization;
using System.Text;

namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Keras's <c>CSVLogger</c>: one row per epoch, <c>epoch</c> then the epoch's logs in sorted key order (as Keras
/// writes them; values in round-trip form, invariant culture), so every column holds exactly what
/// <see cref="History"/> recorded. Without <see cref="Append"/> the file is overwritten when training begins; with
/// it, rows are appended and the header is written only if the file is empty or absent. Each row is appended and
/// the file closed at the end of its epoch, so a crash or a restart loses nothing already logged.
/// </summary>
public sealed class CsvLogger : Callback
{
    private bool _writeHeader;
    private string[]? _keys;

    /// <summary>Creates the callback.</summary>
    public CsvLogger(string fileName, char separator = ',', bool append = false)
    {
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        Separator = separator;
        Append = append;
    }

    /// <summary>The CSV file.</summary>
    public string FileName { get; }

    /// <summary>The field separator.</summary>
    public char Separator { get; }

    /// <summary>Append to an existing file rather than overwrite it.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        _keys = null;
        if (Append)
        {
            _writeHeader = !File.Exists(FileName) || new FileInfo(FileName).Length == 0;
            return;
        }
        File.WriteAllText(FileName, "");
        _writeHeader = true;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        // The columns are fixed by the first epoch (Keras's DictWriter); a later key missing from the logs is "NA".
        _keys ??= logs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder();
        if (_writeHeader)
        {
            sb.Append("epoch");
            foreach (var key in _keys) sb.Append(Separator).Append(key);
            sb.Append('\n');
            _writeHeader = false;
        }
        sb.Append(epoch.ToString(CultureInfo.InvariantCulture));
        foreach (var key in _keys)
            sb.Append(Separator).Append(logs.TryGetValue(key, out double v) ? v.ToString("R", CultureInfo.InvariantCulture) : "NA");
        sb.Append('\n');
        File.AppendAllText(FileName, sb.ToString());
    }
}
