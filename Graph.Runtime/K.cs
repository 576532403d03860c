using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops;

namespace Graph.Runtime;

/// <summary>
/// The keras.backend facade: the graph builders of <see cref="G"/> on the ambient default graph, plus what needs a
/// session — <see cref="Function(IReadOnlyList{Node}, IReadOnlyList{Node}, IReadOnlyList{Node}?)"/>,
/// <see cref="GetValue"/>/<see cref="SetValue"/> — and the learning-phase controls.
/// </summary>
public static class K
{
    /// <summary>The default float type, <c>float32</c>.</summary>
    public static DType FloatX => DType.Float32;

    /// <summary>The ambient default graph.</summary>
    public static ComputationGraph Graph => ComputationGraph.Default;

    /// <summary>Keras's <c>clear_session</c>: a new default graph (with a new learning-phase node and session).</summary>
    public static ComputationGraph ClearSession() => ComputationGraph.ResetDefault();

    /// <summary>A placeholder; <c>null</c> dims are unknown (the batch).</summary>
    public static Node Placeholder(Shape shape, DType dtype = DType.Float32, string? name = null) => G.Placeholder(shape, dtype, name);

    /// <summary>A placeholder from dims (<c>null</c> = unknown).</summary>
    public static Node Placeholder(int?[] shape, DType dtype = DType.Float32, string? name = null) => G.Placeholder(new Shape(shape), dtype, name);

    /// <summary>A variable initialized with <paramref name="value"/>.</summary>
    public static Node Variable(TensorBuffer value, string? name = null) => G.Variable(value, name);

    /// <summary>A float32 variable initialized with <paramref name="value"/>.</summary>
    public static Node Variable(Tensor<float> value, string? name = null) => G.Variable(ToBuffer(value), name);

    /// <summary>A constant.</summary>
    public static Node Constant(TensorBuffer value, string? name = null) => G.Constant(value, name);

    /// <summary>The learning-phase node of the default graph (scalar bool, default false = inference).</summary>
    public static Node LearningPhase() => ComputationGraph.Default.LearningPhase;

    /// <summary>Fixes the learning phase (0 or 1) for layers applied afterwards.</summary>
    public static void SetLearningPhase(int value) => ComputationGraph.Default.SetLearningPhase(value);

    /// <summary>Fixes the learning phase until the scope is disposed.</summary>
    public static IDisposable LearningPhaseScope(int value) => ComputationGraph.Default.LearningPhaseScope(value);

    /// <inheritdoc cref="G.InTrainPhase(Func{Node}, Func{Node}, TrainingArg)"/>
    public static Node InTrainPhase(Func<Node> x, Func<Node> alt, TrainingArg training = default) => G.InTrainPhase(x, alt, training);

    /// <inheritdoc cref="G.InTrainPhase(Node, Node, TrainingArg)"/>
    public static Node InTrainPhase(Node x, Node alt, TrainingArg training = default) => G.InTrainPhase(x, alt, training);

    /// <inheritdoc cref="G.InTestPhase(Func{Node}, Func{Node}, TrainingArg)"/>
    public static Node InTestPhase(Func<Node> x, Func<Node> alt, TrainingArg training = default) => G.InTestPhase(x, alt, training);

    /// <inheritdoc cref="G.InTestPhase(Node, Node, TrainingArg)"/>
    public static Node InTestPhase(Node x, Node alt, TrainingArg training = default) => G.InTestPhase(x, alt, training);

    /// <inheritdoc cref="G.Switch"/>
    public static Node Switch(Node condition, Node then, Node otherwise) => G.Switch(condition, then, otherwise);

    /// <inheritdoc cref="G.Dropout"/>
    public static Node Dropout(Node x, double rate, int?[]? noiseShape = null, int? seed = null, TrainingArg training = default) =>
        G.Dropout(x, rate, noiseShape, seed, training);

    /// <summary>Keras's <c>K.shape(x)</c>: the dynamic shape as an int32 vector, known when the graph runs.</summary>
    public static Node Shape(Node x) => G.ShapeOf(x);

    /// <summary>Matrix product of rank-2 values.</summary>
    public static Node Dot(Node a, Node b) => G.Dot(a, b);

    /// <summary><c>tanh(x)</c>.</summary>
    public static Node Tanh(Node x) => G.Tanh(x);

    /// <summary><c>variable := value</c> as an update for <see cref="Function(IReadOnlyList{Node}, IReadOnlyList{Node}, IReadOnlyList{Node}?)"/>.</summary>
    public static Node Update(Node variable, Node value) => G.Assign(variable, value);

    /// <summary>
    /// Keras's <c>K.function(inputs, outputs, updates)</c> on the graph's default session. The learning-phase
    /// node may be an input (fed 0/1); updates are Assign nodes (see <see cref="Update"/>), committed after the
    /// outputs are computed.
    /// </summary>
    public static Function Function(IReadOnlyList<Node> inputs, IReadOnlyList<Node> outputs, IReadOnlyList<Node>? updates = null)
    {
        var graph = inputs.Concat(outputs).FirstOrDefault()?.Graph ?? ComputationGraph.Default;
        return Session.For(graph).MakeFunction(inputs, outputs, updates);
    }

    /// <summary>A copy of a variable's current value (in its graph's default session).</summary>
    public static TensorBuffer GetValue(Node variable) => Session.For(variable.Graph).Store.GetValue(variable);

    /// <summary>Sets a variable's value; the value converts to the variable's dtype and must have its shape.</summary>
    /// <exception cref="ArgumentException">wrong shape or a non-convertible dtype; the variable is unchanged.</exception>
    public static void SetValue(Node variable, FeedValue value)
    {
        FeedValidation.Check(variable, value);
        var converted = TensorBuffer.Zeros(variable.DType, variable.Shape.ToArray());
        value.CopyTo(converted);
        Session.For(variable.Graph).Store.SetValue(variable, converted);
    }

    /// <summary>Evaluates <paramref name="node"/> (no feeds) in its graph's default session, at inference phase.</summary>
    public static TensorBuffer Eval(Node node) => Session.For(node.Graph).Run([node]).Buffer(0);

    /// <summary>Copies a float tensor into our value type.</summary>
    public static TensorBuffer ToBuffer(Tensor<float> value)
    {
        var dims = new int[value.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = checked((int)value.Lengths[i]);
        var buffer = TensorBuffer.Zeros(DType.Float32, dims);
        ((FeedValue)value).CopyTo(buffer);
        return buffer;
    }

    /// <inheritdoc cref="G.VariableScope(string, VariableReuse, IInitializer?)"/>
    public static VariableScopeEntry VariableScope(string name, VariableReuse reuse = default, IInitializer? initializer = null) =>
        G.VariableScope(name, reuse, initializer);

    /// <inheritdoc cref="G.VariableScope(Core.VariableScope, VariableReuse, IInitializer?)"/>
    public static VariableScopeEntry VariableScope(VariableScope scope, VariableReuse reuse = default, IInitializer? initializer = null) =>
        G.VariableScope(scope, reuse, initializer);

    /// <inheritdoc cref="G.GetVariable"/>
    public static Node GetVariable(string name, Shape? shape = null, DType dtype = DType.Float32, IInitializer? initializer = null,
        bool trainable = true) => G.GetVariable(name, shape, dtype, initializer, trainable);

    /// <summary>
    /// Keras's <c>batch_get_value</c>: copies of the variables' values, each from its graph's default session. The
    /// values of one store are read under one read lock, so they come from the same moment between updates.
    /// </summary>
    public static TensorBuffer[] BatchGetValue(IEnumerable<Node> variables)
    {
        var list = variables.ToList();
        var stores = list.Select(v => Session.For(v.Graph).Store).Distinct().ToList();
        foreach (var store in stores) store.Lock.EnterReadLock();
        try { return list.Select(v => Session.For(v.Graph).Store.GetValue(v)).ToArray(); }
        finally { foreach (var store in stores) store.Lock.ExitReadLock(); }
    }

    /// <summary>Keras's <c>int_shape</c>: the static shape, <c>null</c> for unknown dimensions.</summary>
    public static int?[] IntShape(Node x) => x.Shape.Dims;

    /// <summary>Keras's <c>epsilon()</c>: the default graph's fuzz factor (1e-7 unless set).</summary>
    public static double Epsilon() => ComputationGraph.Default.Epsilon;

    /// <summary>
    /// Keras's <c>set_epsilon</c>, for the default graph. There is no process-wide setting: a new graph
    /// (<see cref="ClearSession"/>) starts at 1e-7 again.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">negative, infinite or NaN.</exception>
    public static void SetEpsilon(double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Epsilon must be a finite value >= 0.");
        ComputationGraph.Default.Epsilon = value;
    }

    /// <summary>Keras's <c>gradients(loss, variables)</c>: ∂loss/∂v per variable, null where loss does not depend on v.</summary>
    public static Node?[] Gradients(Node loss, IReadOnlyList<Node> variables) => Autodiff.Gradients(loss, variables);

    /// <summary>
    /// Keras's <c>K.rnn(step_function, inputs, initial_states, go_backwards, mask, constants, unroll)</c>: iterates
    /// <c>(yₜ, sₜ) = step(xₜ, sₜ₋₁ ++ constants)</c> over the time axis of <paramref name="inputs"/> <c>(batch, time, ...)</c>
    /// as one loop op (an unrolled copy per step when <paramref name="unroll"/>; the time length must then be known
    /// and above 1). A <paramref name="mask"/> <c>(batch, time)</c> skips steps: the previous output and states are
    /// carried (zeros before the first unmasked step). Returns the last output, the outputs stacked along time in
    /// processing order, and the final states. See <see cref="global::Graph.Ops.Layers.RecurrentLoop"/>.
    /// </summary>
    public static (Node LastOutput, Node Outputs, IReadOnlyList<Node> NewStates) Rnn(global::Graph.Ops.Layers.RecurrentLoop.Step step, Node inputs,
        IReadOnlyList<Node> initialStates, Node? mask = null, bool goBackwards = false, bool unroll = false,
        IReadOnlyList<Node>? constants = null) =>
        global::Graph.Ops.Layers.RecurrentLoop.Run(step, inputs, initialStates, mask, goBackwards, unroll, constants);
}
