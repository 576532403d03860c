namespace Graph.Runtime.Training.Callbacks;

/// <summary>Whether a monitored quantity should go down (<c>min</c>), up (<c>max</c>), or be inferred from its name (<c>auto</c>).</summary>
public enum MonitorMode
{
    /// <summary>Keras's <c>auto</c>: <c>max</c> when the name contains <c>acc</c> (or starts with <c>fmeasure</c>), else <c>min</c>.</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}

/// <summary>The Keras 2.2.4 rule that resolves <see cref="MonitorMode.Auto"/>.</summary>
internal static class MonitorModes
{
    /// <summary>True when higher values of <paramref name="monitor"/> are better under <paramref name="mode"/>.</summary>
    public static bool HigherIsBetter(MonitorMode mode, string monitor) => mode switch
    {
        MonitorMode.Max => true,
        MonitorMode.Min => false,
        _ => monitor.Contains("acc", StringComparison.Ordinal) || monitor.StartsWith("fmeasure", StringComparison.Ordinal),
    };

    /// <summary>The warning Keras prints when the monitored value is missing from the epoch logs.</summary>
    public static string Missing(string callback, string monitor, IReadOnlyDictionary<string, double> logs) =>
        $"{callback} conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}";
}
