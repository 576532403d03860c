namespace Graph.Core;

/// <summary>
/// The <c>reuse</c> argument of a TF1 variable scope: <c>false</c> (TF's None: create, or inherit the enclosing
/// scope's reuse), <c>true</c> (share existing variables only) or <see cref="AutoReuse"/> (share if present,
/// create otherwise). Converts implicitly from bool, so <c>reuse: true</c> reads as in TF1.
/// </summary>
public readonly record struct VariableReuse
{
    private readonly byte _mode;

    private VariableReuse(byte mode) => _mode = mode;

    /// <summary>TF's <c>reuse=None</c>/<c>False</c>: inherit; at the root, create and refuse duplicates.</summary>
    public static VariableReuse None => default;

    /// <summary>TF's <c>reuse=True</c>: <c>GetVariable</c> returns existing variables and refuses to create.</summary>
    public static VariableReuse Reuse => new(1);

    /// <summary>TF's <c>tf.AUTO_REUSE</c>: <c>GetVariable</c> returns the variable if it exists, else creates it.</summary>
    public static VariableReuse AutoReuse => new(2);

    /// <summary><c>true</c> → <see cref="Reuse"/>, <c>false</c> → <see cref="None"/>.</summary>
    public static implicit operator VariableReuse(bool reuse) => reuse ? Reuse : None;

    /// <summary>True for <see cref="Reuse"/> and <see cref="AutoReuse"/> (TF's truthiness, used for inheritance).</summary>
    public bool IsSet => _mode != 0;

    /// <summary>True for <see cref="AutoReuse"/>.</summary>
    public bool IsAuto => _mode == 2;

    /// <summary><c>False</c>, <c>True</c> or <c>AUTO_REUSE</c>, as TF prints them.</summary>
    public override string ToString() => _mode switch { 0 => "False", 1 => "True", _ => "AUTO_REUSE" };
}
