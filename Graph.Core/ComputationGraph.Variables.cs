using Graph.Core.Structural;

namespace Graph.Core;

/// <summary>The by-name variable registry and the TF1 variable-scope stack of a graph.</summary>
public sealed partial class ComputationGraph
{
    private readonly Dictionary<string, Node> _variablesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Node, string> _variableNames = new();
    private readonly List<VariableScope> _variableScopes = new();

    /// <summary>Every registered variable by full name (e.g. <c>encoder/w</c>), in registration order of names.</summary>
    public IReadOnlyDictionary<string, Node> VariablesByName => _variablesByName;

    /// <summary>The variable registered as <paramref name="name"/>, if any.</summary>
    public bool TryGetVariable(string name, out Node variable) => _variablesByName.TryGetValue(name, out variable!);

    /// <summary>The name <paramref name="variable"/> is registered under (its node name when it is not registered).</summary>
    public string VariableName(Node variable) => _variableNames.TryGetValue(variable, out var name) ? name : variable.Name;

    /// <summary>Registers a variable of this graph under its full name (G.Variable: the node name; GetVariable: <c>scope/name</c>).</summary>
    /// <exception cref="GraphException">the node is not a variable of this graph, or the name or node is already registered.</exception>
    public void RegisterVariable(string name, Node variable)
    {
        if (variable.Graph != this || variable.Op is not VariableOp)
            throw new GraphException($"Only variables of this graph can be registered; '{variable.Name}' is a {variable.Op.Type}.");
        if (_variablesByName.TryGetValue(name, out var existing))
            throw new GraphException($"Variable name '{name}' is already registered for '{existing.Name}'.");
        if (!_variableNames.TryAdd(variable, name))
            throw new GraphException($"Variable '{variable.Name}' is already registered as '{_variableNames[variable]}'.");
        _variablesByName.Add(name, variable);
    }

    /// <summary>The root variable scope (empty name, no reuse, no initializer).</summary>
    public VariableScope RootVariableScope { get; } = new("", VariableReuse.None, null, "");

    /// <summary>The innermost entered variable scope, else <see cref="RootVariableScope"/>.</summary>
    public VariableScope CurrentVariableScope => _variableScopes.Count == 0 ? RootVariableScope : _variableScopes[^1];

    /// <summary>
    /// TF1's <c>variable_scope(name, reuse, initializer)</c> until disposed: variables are named
    /// <c>outer/name/...</c>; ops get a uniquified name scope (re-entering <c>foo</c> puts ops under <c>foo_1/</c>,
    /// variables stay under <c>foo/</c>). Reuse is inherited and cannot be turned off inside a reusing scope
    /// (<c>reuse = reuse or outer.reuse</c>); the initializer defaults to the enclosing scope's.
    /// </summary>
    /// <exception cref="ArgumentException">no name (with <c>reuse: true</c>, TF's "reuse=True cannot be used without a name_or_scope").</exception>
    public VariableScopeEntry EnterVariableScope(string name, VariableReuse reuse = default, IInitializer? initializer = null)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException(reuse == VariableReuse.Reuse
                ? "reuse=True cannot be used without a name_or_scope"
                : "A variable scope needs a name.");
        var outer = CurrentVariableScope;
        var nameScope = NameScope(name);
        var scope = new VariableScope(outer.FullName(name), reuse.IsSet ? reuse : outer.Reuse,
            initializer ?? outer.Initializer, NameScopePrefix);
        return PushVariableScope(scope, nameScope);
    }

    /// <summary>
    /// Re-enters a captured scope object (TF's <c>variable_scope(scope)</c>): exactly its variable prefix and its
    /// original name scope; its reuse unless the current scope reuses, its initializer unless one is given.
    /// </summary>
    public VariableScopeEntry EnterVariableScope(VariableScope scope, VariableReuse reuse = default, IInitializer? initializer = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var inherited = reuse.IsSet ? reuse : CurrentVariableScope.Reuse;
        var nameScope = NameScopeExactly(scope.OriginalNameScope);
        var entered = new VariableScope(scope.Name, inherited.IsSet ? inherited : scope.Reuse,
            initializer ?? scope.Initializer, scope.OriginalNameScope);
        return PushVariableScope(entered, nameScope);
    }

    /// <summary>
    /// Enters the name scope with full prefix <paramref name="prefix"/> (e.g. <c>foo/</c>, or empty for the root)
    /// exactly, without making it unique: TF's <c>name_scope("foo/")</c> and <c>name_scope(None)</c>.
    /// </summary>
    public IDisposable NameScopeExactly(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && !prefix.EndsWith('/')) prefix += "/";
        _nameScopes.Add(prefix);
        return new Scope(() => _nameScopes.RemoveAt(_nameScopes.Count - 1));
    }

    private VariableScopeEntry PushVariableScope(VariableScope scope, IDisposable nameScope)
    {
        _variableScopes.Add(scope);
        return new VariableScopeEntry(scope, () =>
        {
            _variableScopes.RemoveAt(_variableScopes.Count - 1);
            nameScope.Dispose();
        });
    }
}
