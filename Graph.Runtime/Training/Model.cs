using Graph.Core;
using Graph.Ops.Layers;

namespace Graph.Runtime.Training;

/// <summary>
/// Keras's <c>Model</c>: a <see cref="Network"/> that training (Compile/Fit/Evaluate/Predict, in other parts of this
/// class) drives. Functional: <c>new Model(inputs, outputs)</c>; subclassed: derive, create layers in the
/// constructor and apply them in <c>Call</c>.
/// </summary>
public partial class Model : Network
{
    /// <summary>A functional model from one input to one output.</summary>
    public Model(Node input, Node output, string? name = null) : base([input], [output], name) { }

    /// <summary>A functional model from several inputs to several outputs.</summary>
    public Model(IReadOnlyList<Node> inputs, IReadOnlyList<Node> outputs, string? name = null) : base(inputs, outputs, name) { }

    /// <summary>A subclassed model: override Call.</summary>
    protected Model(string? name = null) : base(name) { }
}
