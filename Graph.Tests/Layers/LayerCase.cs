using Graph.Core;
using Graph.Ops.Layers;

namespace Graph.Tests.Layers;

/// <summary>How a layer's output depends on the learning phase.</summary>
public enum PhaseBehaviour
{
    /// <summary>Same output in both phases, no learning-phase use.</summary>
    None,

    /// <summary>Inference returns the input unchanged; training differs (noise and dropout layers).</summary>
    IdentityAtInference,

    /// <summary>Both phases compute something, and the results differ (BatchNormalization).</summary>
    Differs,
}

/// <summary>
/// One entry of the shared layer harness: how to make the layer, the input shapes (batch excluded; the harness uses
/// an unknown batch for the static shapes and a batch of 3 when running), the expected weight counts and phase
/// behaviour. <see cref="Inputs"/> fills concrete inputs (default: a smooth float ramp away from kinks).
/// </summary>
public sealed record LayerCase(
    string Name,
    Func<Layer> Create,
    int?[][] InputShapes,
    int TrainableWeights,
    int NonTrainableWeights = 0,
    PhaseBehaviour Phase = PhaseBehaviour.None,
    DType InputDType = DType.Float32,
    bool AsList = false)
{
    /// <summary>Optional input values per input (given the concrete dims); null = the default ramp.</summary>
    public Func<int, int[], TensorBuffer>? Inputs { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
