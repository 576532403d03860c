using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Runtime.Saving;

/// <summary>
/// Saves and restores variables by full name (<c>encoder/dense/kernel</c>) in the safetensors format, which other
/// tools read. Writes are atomic. A restore validates the whole file and every requested variable (present, same
/// dtype, same shape) and reads all values before it changes anything, then commits them together under the store's
/// write lock: it restores everything or nothing.
/// </summary>
public static class VariableSaver
{
    /// <summary>
    /// Writes the current values of <paramref name="variables"/> in <paramref name="store"/> to
    /// <paramref name="path"/>, each under its registered name (<see cref="ComputationGraph.VariableName"/>). The
    /// values are read under one read lock, so they come from one moment between updates.
    /// </summary>
    /// <exception cref="ArgumentException">a node is not a variable, or two variables have the same name.</exception>
    public static void Save(string path, VariableStore store, IEnumerable<Node> variables)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(store);
        var list = variables.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in list)
        {
            if (variable.Op is not VariableOp)
                throw new ArgumentException($"Only variables can be saved; '{variable.Name}' is a {variable.Op.Type}.", nameof(variables));
            if (!names.Add(variable.Graph.VariableName(variable)))
                throw new ArgumentException($"Two variables to save are both named '{variable.Graph.VariableName(variable)}'.", nameof(variables));
        }
        var tensors = new List<KeyValuePair<string, TensorBuffer>>(list.Count);
        store.Lock.EnterReadLock();
        try
        {
            foreach (var variable in list) tensors.Add(new(variable.Graph.VariableName(variable), store.GetValue(variable)));
        }
        finally { store.Lock.ExitReadLock(); }
        SafetensorsWriter.Write(path, tensors, new Dictionary<string, string> { ["producer"] = "Graph" });
    }

    /// <summary>
    /// Restores the variables of <paramref name="graph"/> registered under <paramref name="scopePrefix"/> (all of
    /// them when null; <c>"encoder"</c> and <c>"encoder/"</c> both mean the variables named <c>encoder/…</c>) into
    /// <paramref name="store"/>. Each is read from the tensor of the same name, or of the name
    /// <paramref name="nameMap"/> gives it (graph name → name in the file). Tensors in the file that no variable asks
    /// for are ignored. Returns the restored variable names in ordinal order.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">the file is truncated or malformed.</exception>
    /// <exception cref="ArgumentException">a variable has no tensor in the file, or its dtype or shape differs (the
    /// message names the variable), or no variable is under <paramref name="scopePrefix"/>. No variable changes.</exception>
    public static IReadOnlyList<string> Restore(string path, VariableStore store, ComputationGraph graph,
        string? scopePrefix = null, IReadOnlyDictionary<string, string>? nameMap = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(graph);
        var targets = Targets(graph, scopePrefix);
        using var reader = SafetensorsReader.Open(path);
        var plan = new List<(SafetensorsEntry Entry, Node Variable)>(targets.Count);
        foreach (var (name, variable) in targets)
        {
            string fileName = nameMap is not null && nameMap.TryGetValue(name, out var mapped) ? mapped : name;
            string described = fileName == name ? $"'{name}'" : $"'{name}' (as '{fileName}')";
            if (!reader.Entries.TryGetValue(fileName, out var entry))
                throw new ArgumentException($"Variable {described} is not in '{reader.Path}'.");
            var fileType = SafetensorsDTypes.ToDType(entry.DType);
            if (fileType != variable.DType)
                throw new ArgumentException(
                    $"Variable {described} is {variable.DType.Name()} {variable.Shape}; '{reader.Path}' has it as {entry.DType} {Shape.Format(entry.Shape)}.");
            if (!variable.Shape.IsCompatibleWith(entry.Shape))
                throw new ArgumentException(
                    $"Variable {described} has shape {variable.Shape}; '{reader.Path}' has shape {Shape.Format(entry.Shape)}.");
            plan.Add((entry, variable));
        }
        var values = plan.Select(p => reader.Read(p.Entry, p.Variable.DType)).ToArray();
        // Create every target buffer first, so the commit below only copies.
        foreach (var (_, variable) in plan) store.GetBuffer(variable);
        store.Lock.EnterWriteLock();
        try
        {
            for (int i = 0; i < plan.Count; i++) store.SetValue(plan[i].Variable, values[i]);
        }
        finally { store.Lock.ExitWriteLock(); }
        return targets.Select(t => t.Key).ToList();
    }

    private static List<KeyValuePair<string, Node>> Targets(ComputationGraph graph, string? scopePrefix)
    {
        var all = graph.VariablesByName.OrderBy(v => v.Key, StringComparer.Ordinal);
        if (scopePrefix is null) return all.ToList();
        var prefix = scopePrefix.EndsWith('/') ? scopePrefix : scopePrefix + "/";
        var selected = all.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (selected.Count == 0) throw new ArgumentException($"The graph has no variables under scope '{prefix}'.", nameof(scopePrefix));
        return selected;
    }
}
