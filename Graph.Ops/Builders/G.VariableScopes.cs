using Graph.Core;
using Graph.Core.Structural;

namespace Graph.Ops;

public static partial class G
{
    /// <summary>TF1's <c>variable_scope</c> on the default graph; see <see cref="ComputationGraph.EnterVariableScope(string, VariableReuse, IInitializer?)"/>.</summary>
    public static VariableScopeEntry VariableScope(string name, VariableReuse reuse = default, IInitializer? initializer = null) =>
        ComputationGraph.Default.EnterVariableScope(name, reuse, initializer);

    /// <summary>Re-enters a captured variable scope on the default graph (TF's <c>variable_scope(scope)</c>).</summary>
    public static VariableScopeEntry VariableScope(VariableScope scope, VariableReuse reuse = default, IInitializer? initializer = null) =>
        ComputationGraph.Default.EnterVariableScope(scope, reuse, initializer);

    /// <summary>
    /// TF1's <c>get_variable</c> in the current variable scope of the default graph. The full name is
    /// <c>scope/name</c> whatever the name scope. If it exists: with reuse (true or AutoReuse) it is returned after
    /// checking <paramref name="shape"/> (when given) and <paramref name="dtype"/>; without reuse it is an error. If it is
    /// missing: with <c>reuse: true</c> it is an error, otherwise it is created with <paramref name="initializer"/>,
    /// else the scope's initializer, else TF1's default (glorot_uniform for floats, zeros otherwise). Variables made
    /// by <see cref="Variable(Shape, DType, IInitializer?, string?, bool, int?)"/> are found by their node name too.
    /// </summary>
    /// <exception cref="ArgumentException">TF1's errors: exists without reuse, missing with reuse, shape or dtype
    /// mismatch when sharing, or a new variable without a fully known shape.</exception>
    public static Node GetVariable(string name, Shape? shape = null, DType dtype = DType.Float32,
        IInitializer? initializer = null, bool trainable = true)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("GetVariable needs a variable name.", nameof(name));
        var graph = ComputationGraph.Default;
        var scope = graph.CurrentVariableScope;
        var fullName = scope.FullName(name);
        if (graph.TryGetVariable(fullName, out var existing))
        {
            if (!scope.Reuse.IsSet)
                throw new ArgumentException($"Variable {fullName} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?");
            if (shape is not null && !IsCompatible(shape, existing.Shape))
                throw new ArgumentException($"Trying to share variable {fullName}, but specified shape {shape} and found shape {existing.Shape}.");
            if (dtype != existing.DType)
                throw new ArgumentException($"Trying to share variable {fullName}, but specified dtype {dtype.Name()} and found dtype {existing.DType.Name()}.");
            return existing;
        }
        if (scope.Reuse.IsSet && !scope.Reuse.IsAuto)
            throw new ArgumentException($"Variable {fullName} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?");
        if (shape is null || !shape.IsFullyDefined)
            throw new ArgumentException($"Shape of a new variable ({fullName}) must be fully defined, but instead was {shape?.ToString() ?? "<unknown>"}.");
        initializer ??= scope.Initializer ?? Initializers.Initializers.DefaultFor(dtype);
        (initializer as Initializers.Initializer)?.Validate(dtype, shape.ToArray());
        var op = new VariableOp(dtype, shape, initializer, graph.MixSeed(graph.NextOpSeed()), trainable);
        Node node;
        using (graph.NameScopeExactly("")) node = graph.AddNode(op, [], fullName);
        graph.RegisterVariable(fullName, node);
        return node;
    }

    private static bool IsCompatible(Shape specified, Shape found)
    {
        if (specified.Rank != found.Rank) return false;
        for (int i = 0; i < specified.Rank; i++)
            if (specified[i] is { } d && found[i] is { } e && d != e) return false;
        return true;
    }
}
