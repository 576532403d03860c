namespace Graph.Runtime;

/// <summary>Where runtime warnings go (phase not fed, trainable discrepancy). Injectable so tests can capture them.</summary>
public interface IWarningSink
{
    /// <summary>Reports one warning.</summary>
    void Warn(string message);
}

/// <summary>Writes warnings to standard error, prefixed <c>Warning:</c> (the default sink).</summary>
public sealed class StandardErrorWarningSink : IWarningSink
{
    /// <inheritdoc/>
    public void Warn(string message) => Console.Error.WriteLine("Warning: " + message);
}

/// <summary>Keeps warnings in memory (tests, tools that show them elsewhere). Thread-safe.</summary>
public sealed class ListWarningSink : IWarningSink
{
    private readonly List<string> _messages = new();

    /// <summary>The warnings so far.</summary>
    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) return _messages.ToList(); }
    }

    /// <inheritdoc/>
    public void Warn(string message)
    {
        lock (_messages) _messages.Add(message);
    }
}
