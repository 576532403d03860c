namespace Graph.Core;

/// <summary>
/// The <c>training</c> argument of Keras calls: absent, a static bool (0/1 accepted), or a bool node decided at
/// feed time. Static values resolve <c>InTrainPhase</c> when the graph is built (no Switch, no learning-phase use).
/// </summary>
public readonly struct TrainingArg
{
    private readonly byte _kind; // 0 absent, 1 static, 2 node

    private TrainingArg(byte kind, bool value, Node? node)
    {
        _kind = kind;
        StaticValue = value;
        Node = node;
    }

    /// <summary>No value given: resolved from the call context, the learning-phase scope, or the phase node.</summary>
    public static TrainingArg Absent => default;

    /// <summary>A value fixed at build time.</summary>
    public static TrainingArg Static(bool training) => new(1, training, null);

    /// <summary>A scalar bool node whose value is known only when the graph runs.</summary>
    public static TrainingArg Dynamic(Node training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.DType != DType.Bool || training.Shape.Rank != 0)
            throw new ArgumentException($"A training node must be a scalar bool; '{training.Name}' is {training.Type}.");
        return new(2, false, training);
    }

    /// <summary>True when no value was given.</summary>
    public bool IsAbsent => _kind == 0;

    /// <summary>True when the value is fixed at build time.</summary>
    public bool IsStatic => _kind == 1;

    /// <summary>The fixed value when <see cref="IsStatic"/>.</summary>
    public bool StaticValue { get; }

    /// <summary>The bool node when the value is decided at run time.</summary>
    public Node? Node { get; }

    public static implicit operator TrainingArg(bool training) => Static(training);

    public static implicit operator TrainingArg(bool? training) => training is { } t ? Static(t) : Absent;

    public static implicit operator TrainingArg(Node? training) => training is null ? Absent : Dynamic(training);

    /// <summary>0 or 1, as Keras accepts; anything else is an error.</summary>
    public static implicit operator TrainingArg(int training) => training switch
    {
        0 => Static(false),
        1 => Static(true),
        _ => throw new ArgumentException($"Expected learning phase to be 0 or 1, got {training}."),
    };

    /// <summary><c>absent</c>, <c>true</c>/<c>false</c>, or the node name.</summary>
    public override string ToString() => _kind switch { 0 => "absent", 1 => StaticValue ? "true" : "false", _ => Node!.Name };
}
