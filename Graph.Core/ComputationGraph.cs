using Graph.Core.Structural;

namespace Graph.Core;

/// <summary>
/// Owns nodes, unique names and name scopes, the graph-level random seed, the variable store, and exactly one
/// learning-phase node (a scalar bool placeholder-with-default(false), created on first use). The ambient
/// <see cref="Default"/> graph (per async flow) is how Keras/TF1 code reads; construction is single-threaded.
/// </summary>
public sealed partial class ComputationGraph
{
    private static readonly AsyncLocal<ComputationGraph?> Ambient = new();
    private static ComputationGraph? _processDefault;
    private static readonly object DefaultGate = new();

    private readonly List<Node> _nodes = new();
    private readonly Dictionary<string, int> _nameCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _namesInUse = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _nameScopes = new();
    private readonly List<TrainingArg> _callTraining = new();
    private Node? _learningPhase;
    private int _opSeedCounter;

    /// <summary>A new graph; <paramref name="seed"/> is the graph-level seed (TF1's <c>tf.set_random_seed</c>).</summary>
    public ComputationGraph(int? seed = null)
    {
        Seed = seed;
        Variables = new VariableStore();
    }

    /// <summary>The graph-level random seed, or null (then op seeds are still deterministic per graph).</summary>
    public int? Seed { get; }

    /// <summary>The graph's own variable store (sessions use it by default).</summary>
    public VariableStore Variables { get; }

    /// <summary>Keras's fuzz factor <c>K.epsilon()</c> for this graph's numeric expressions (default 1e-7).</summary>
    public double Epsilon { get; set; } = 1e-7;

    /// <summary>All nodes in creation order (inputs before consumers).</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>The ambient graph: the innermost <see cref="AsDefault"/> of this async flow, else the process default.</summary>
    public static ComputationGraph Default
    {
        get
        {
            if (Ambient.Value is { } g) return g;
            lock (DefaultGate) return _processDefault ??= new ComputationGraph();
        }
    }

    /// <summary>Replaces the process default graph with a new one (Keras's <c>clear_session</c>) and returns it.</summary>
    public static ComputationGraph ResetDefault()
    {
        lock (DefaultGate) return _processDefault = new ComputationGraph();
    }

    /// <summary>Makes this graph the ambient default until the returned scope is disposed.</summary>
    public IDisposable AsDefault()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Scope(() => Ambient.Value = previous);
    }

    /// <summary>The learning-phase node: scalar bool placeholder-with-default(false), named <c>keras_learning_phase</c>.</summary>
    public Node LearningPhase
    {
        get
        {
            if (_learningPhase is not null) return _learningPhase;
            var falseNode = AddNode(new ConstantOp(TensorBuffer.From<bool>([false])), [], "keras_learning_phase/default");
            var op = new PlaceholderWithDefaultOp(Shape.Scalar);
            var name = UniqueName("keras_learning_phase");
            _learningPhase = Append(op, [falseNode], new TensorType(DType.Bool, Shape.Scalar), name, isLearningPhase: true);
            return _learningPhase;
        }
    }

    /// <summary>True once <see cref="LearningPhase"/> has been created.</summary>
    public bool HasLearningPhase => _learningPhase is not null;

    /// <summary>
    /// The learning phase fixed for layers applied from now on (Keras's <c>set_learning_phase</c>), or null.
    /// A fixed value makes <c>InTrainPhase</c> static; it does not change nodes already built.
    /// </summary>
    public bool? StaticLearningPhase { get; private set; }

    /// <summary>Fixes the learning phase for layers applied afterwards: 0 or 1 only.</summary>
    /// <exception cref="ArgumentException">any other value (Keras: "Expected learning phase to be 0 or 1.").</exception>
    public void SetLearningPhase(int value)
    {
        if (value is not (0 or 1)) throw new ArgumentException("Expected learning phase to be 0 or 1.", nameof(value));
        StaticLearningPhase = value == 1;
    }

    /// <summary>Fixes the learning phase until the scope is disposed, then restores the previous setting.</summary>
    public IDisposable LearningPhaseScope(int value)
    {
        var previous = StaticLearningPhase;
        SetLearningPhase(value);
        return new Scope(() => StaticLearningPhase = previous);
    }

    /// <summary>The training value of the innermost enclosing layer/model call, or absent.</summary>
    public TrainingArg CallTraining => _callTraining.Count == 0 ? TrainingArg.Absent : _callTraining[^1];

    /// <summary>Enters a layer call whose training value inner calls inherit (tf.keras's call context).</summary>
    public IDisposable PushCallTraining(TrainingArg training)
    {
        _callTraining.Add(training);
        return new Scope(() => _callTraining.RemoveAt(_callTraining.Count - 1));
    }

    /// <summary>Prefixes names created inside with <c>name/</c> until disposed. The scope name is made unique.</summary>
    public IDisposable NameScope(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A name scope needs a name.", nameof(name));
        var unique = UniqueName(name.TrimEnd('/'));
        _nameScopes.Add(unique + "/");
        return new Scope(() => _nameScopes.RemoveAt(_nameScopes.Count - 1));
    }

    /// <summary>Current name-scope prefix, e.g. <c>dense/</c>.</summary>
    public string NameScopePrefix => _nameScopes.Count == 0 ? "" : _nameScopes[^1];

    /// <summary>
    /// A name unique in this graph under the current scope: the name itself first, then <c>name_1</c>, <c>name_2</c>…
    /// Comparison ignores case, as TF's <c>unique_name</c> does.
    /// </summary>
    public string UniqueName(string baseName)
    {
        var full = NameScopePrefix + baseName;
        if (_namesInUse.Add(full)) return full;
        _nameCounts.TryGetValue(full, out int i);
        string candidate;
        do candidate = $"{full}_{++i}"; while (!_namesInUse.Add(candidate));
        _nameCounts[full] = i;
        return candidate;
    }

    /// <summary>The next op-level seed: deterministic per graph, mixed with the graph seed by random ops and initializers.</summary>
    public int NextOpSeed() => ++_opSeedCounter;

    /// <summary>Combines the graph seed with an op seed into one 64-bit generator key.</summary>
    public ulong MixSeed(int opSeed) => ((ulong)(uint)(Seed ?? 87654321) << 32) | (uint)opSeed;

    /// <summary>
    /// Builds a node: runs the op's shape/dtype rule on the inputs' types (so errors come when the graph is built)
    /// and gives it a unique name (default: the op type).
    /// </summary>
    /// <exception cref="GraphException">an input belongs to another graph, or the rule rejects the inputs; the message names the node, the op and every input's type.</exception>
    public Node AddNode(Op op, IReadOnlyList<Node> inputs, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        var inputArray = inputs.ToArray();
        foreach (var input in inputArray)
        {
            if (input.Graph != this)
                throw new GraphException($"{op.Type}: input '{input.Name}' belongs to another graph.");
            if (input.IsTuple && op is not ProjectionOp)
                throw new GraphException($"{op.Type}: input '{input.Name}' is a tuple; read its elements with TupleElement.");
        }
        var nodeName = UniqueName(name ?? op.Type);
        var types = new TensorType[inputArray.Length];
        for (int i = 0; i < types.Length; i++) types[i] = inputArray[i].Type;
        TensorType type;
        TensorType[]? tupleTypes = null;
        try
        {
            if (op is TupleOp tupleOp)
            {
                tupleTypes = tupleOp.InferTupleTypes(types);
                if (tupleTypes.Length == 0) throw new ShapeRuleException("a tuple needs at least one element.");
                type = tupleTypes[0];
            }
            else if (op is ProjectionOp projection)
            {
                if (inputArray.Length != 1) throw new ShapeRuleException($"expects 1 input (a tuple), got {inputArray.Length}.");
                type = projection.ProjectedType(inputArray[0]);
            }
            else type = op.InferType(types);
        }
        catch (Exception e) when (e is ShapeRuleException or ArgumentException)
        {
            var described = string.Join(", ", inputArray.Select((n, i) => $"input {i} '{n.Name}': {n.Type}"));
            throw new GraphException($"{op.Type} '{nodeName}': {e.Message} Inputs: [{described}].", e);
        }
        return Append(op, inputArray, type, nodeName, isLearningPhase: false, tupleTypes);
    }

    private Node Append(Op op, Node[] inputs, TensorType type, string name, bool isLearningPhase, TensorType[]? tupleTypes = null)
    {
        var node = new Node(this, _nodes.Count, op, inputs, type, name, isLearningPhase, tupleTypes);
        _nodes.Add(node);
        return node;
    }

    /// <summary>An inspection view (consumers, ancestors, order, DOT, text dump) of the nodes built so far.</summary>
    public GraphView View() => new(this);

    private sealed class Scope(Action onDispose) : IDisposable
    {
        private Action? _onDispose = onDispose;

        public void Dispose()
        {
            _onDispose?.Invoke();
            _onDispose = null;
        }
    }
}
