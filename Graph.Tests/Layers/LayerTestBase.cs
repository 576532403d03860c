using System.Numerics.Tensors;
using Graph.Core;
using Graph.Runtime;

namespace Graph.Tests.Layers;

/// <summary>Helpers for layer and model tests: run a node at a phase, read floats.</summary>
public abstract class LayerTestBase : GraphTestBase
{
    /// <summary>Runs <paramref name="output"/> with <paramref name="input"/> fed to <paramref name="x"/> at <paramref name="phase"/>.</summary>
    protected static float[] RunAt(Node x, Node output, Tensor<float> input, int phase) =>
        K.Function([x, K.LearningPhase()], [output]).Call(input, phase)[0].ToArray();

    /// <summary>Runs <paramref name="output"/> without feeding the phase (it defaults to 0).</summary>
    protected static float[] Run(Node x, Node output, Tensor<float> input) =>
        K.Function([x], [output]).Call(input)[0].ToArray();

    /// <summary>True when every value is 0 or 2 and at least one of each occurs (dropout 0.5 on ones).</summary>
    protected static bool IsDroppedOnes(float[] values) =>
        values.All(v => v == 0f || v == 2f) && values.Contains(0f) && values.Contains(2f);

    /// <summary>Sets a variable to the given row-major values.</summary>
    protected static void Set(Node variable, params float[] values) =>
        K.SetValue(variable, TensorBuffer.From<float>(values, variable.Shape.ToArray()));

    /// <summary>A variable's values.</summary>
    protected static float[] Get(Node variable) => K.GetValue(variable).Span<float>().ToArray();
}
