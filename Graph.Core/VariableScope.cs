namespace Graph.Core;

/// <summary>
/// A TF1 variable scope: the prefix of the variables <c>GetVariable</c> creates inside it (<c>outer/inner</c>;
/// empty at the root), its reuse mode and default initializer, and the name scope its first entry opened for ops.
/// Entered with <see cref="ComputationGraph.EnterVariableScope(string, VariableReuse, IInitializer?)"/>; a scope
/// object can be entered again later by reference, which reuses exactly its names.
/// </summary>
public sealed class VariableScope
{
    internal VariableScope(string name, VariableReuse reuse, IInitializer? initializer, string originalNameScope)
    {
        Name = name;
        Reuse = reuse;
        Initializer = initializer;
        OriginalNameScope = originalNameScope;
    }

    /// <summary>Full scope name, e.g. <c>encoder/layer1</c>; empty for the root scope.</summary>
    public string Name { get; }

    /// <summary>The reuse mode in effect (inherited from enclosing scopes when they reuse).</summary>
    public VariableReuse Reuse { get; private set; }

    /// <summary>The default initializer of <c>GetVariable</c> calls that pass none, or null (then TF1's default).</summary>
    public IInitializer? Initializer { get; }

    /// <summary>The name-scope prefix opened when this scope was entered, e.g. <c>foo_1/</c> (empty at the root).</summary>
    public string OriginalNameScope { get; }

    /// <summary>TF's <c>scope.reuse_variables()</c>: from now on this scope (and scopes entered inside it) reuse.</summary>
    public void ReuseVariables() => Reuse = VariableReuse.Reuse;

    /// <summary>The full name of variable <paramref name="name"/> in this scope: <c>scope/name</c>.</summary>
    public string FullName(string name) => Name.Length == 0 ? name : Name + "/" + name;

    /// <summary><c>VariableScope 'name' reuse=...</c>.</summary>
    public override string ToString() => $"VariableScope '{Name}' reuse={Reuse}";
}
