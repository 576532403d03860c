using System.Runtime.CompilerServices;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// The layer system's per-graph side table: layer-name counters, which layer call produced each node (Keras's
/// <c>_keras_history</c>) with its mask (<c>_keras_mask</c>), and the stack of layer calls being built.
/// Core nodes carry no Keras metadata (DESIGN §5); the table is attached to the graph weakly, so it lives and dies
/// with the graph, as Keras's per-graph uid dictionaries do.
/// </summary>
internal sealed class LayerState
{
    private static readonly ConditionalWeakTable<ComputationGraph, LayerState> Table = new();

    private readonly Dictionary<string, int> _uids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<Node, (LayerCall Call, int Index)> _history = new();
    private readonly List<Frame> _stack = new();

    public static LayerState For(ComputationGraph graph) => Table.GetValue(graph, _ => new LayerState());

    /// <summary>
    /// tf.keras naming: the bare prefix first (<c>dense</c>), then <c>dense_1</c>, <c>dense_2</c>; with
    /// <paramref name="oneBased"/> (input layers) <c>input_1</c> first. Names given by the user are reserved too.
    /// </summary>
    public string UniqueName(string prefix, bool oneBased)
    {
        _uids.TryGetValue(prefix, out int uid);
        string candidate;
        do
        {
            candidate = uid == 0 && !oneBased ? prefix : $"{prefix}_{(oneBased ? uid + 1 : uid)}";
            uid++;
        }
        while (!_names.Add(candidate));
        _uids[prefix] = uid;
        return candidate;
    }

    public void Reserve(string name) => _names.Add(name);

    public void Record(Node output, LayerCall call, int index) => _history[output] = (call, index);

    public bool TryGetHistory(Node node, out LayerCall call, out int index)
    {
        if (_history.TryGetValue(node, out var entry))
        {
            (call, index) = entry;
            return true;
        }
        (call, index) = (null!, 0);
        return false;
    }

    /// <summary>The innermost call being built, or null.</summary>
    public Frame? Current => _stack.Count == 0 ? null : _stack[^1];

    public void Push(Frame frame) => _stack.Add(frame);

    public void Pop() => _stack.RemoveAt(_stack.Count - 1);

    /// <summary>Hides the calls being built until disposed (a layer's Build is not part of the enclosing call).</summary>
    public IDisposable Isolate()
    {
        var saved = _stack.ToArray();
        _stack.Clear();
        return new Restore(() =>
        {
            _stack.Clear();
            _stack.AddRange(saved);
        });
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>A layer call under construction: its layer and the record that collects updates and losses.</summary>
    internal sealed record Frame(Layer Layer, LayerCall Call);
}
