namespace Graph.Core;

/// <summary>An entered variable scope; disposing it leaves the scope (and the name scope it opened).</summary>
public sealed class VariableScopeEntry : IDisposable
{
    private Action? _onDispose;

    internal VariableScopeEntry(VariableScope scope, Action onDispose)
    {
        Scope = scope;
        _onDispose = onDispose;
    }

    /// <summary>The scope entered (TF's <c>with variable_scope(...) as scope</c>).</summary>
    public VariableScope Scope { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _onDispose?.Invoke();
        _onDispose = null;
    }
}
