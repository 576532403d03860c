using Graph.Ops.Layers;
using Graph.Runtime.Training;

namespace Digits;

/// <summary>
/// The sample's MLP: 64 pixels → Dense(128, relu) → BatchNormalization → Dropout(0.2) → Dense(64, relu) →
/// Dropout(0.2) → Dense(10, softmax).
/// </summary>
public static class DigitsModel
{
    public static Model Build()
    {
        var input = new Input([64], name: "pixels");
        var h = new Dense(128, activation: "relu", name: "hidden").Apply(input);
        h = new BatchNormalization().Apply(h);
        h = new Dropout(0.2).Apply(h);
        h = new Dense(64, activation: "relu").Apply(h);
        h = new Dropout(0.2).Apply(h);
        var output = new Dense(10, activation: "softmax", name: "digit").Apply(h);
        return new Model(input, output, name: "digits_mlp");
    }
}
