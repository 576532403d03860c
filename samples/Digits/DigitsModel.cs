using Graph.Ops.Layers;
using Graph.Runtime.Training;

namespace Digits;

/// <summary>The sample's MLP: 64 → Dense(128, relu) → BatchNorm → Dropout(0.2) → Dense(64, relu) → Dropout(0.2) → Dense(10, softmax).</summary>
public static class DigitsModel
{
    public static Model Build()
    {
        var input = new Input([64], name: "pixels");
        var h = new Dense(128, activation: "tanh", name: "hidden").Apply(input);
        h = new Dropout(0.2).Apply(h);
        h = new Dense(64, activation: "tanh").Apply(h);
        h = new Dropout(0.2).Apply(h);
        var output = new Dense(10, activation: "linear", name: "digit").Apply(h);
        return new Model(input, output, name: "digits_mlp");
    }
}
