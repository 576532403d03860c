using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Saving;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>Keras weight layouts, names and initial values; acceptance 4 (an LSTM restored by its scope into another model).</summary>
public sealed class RecurrentWeightsTests : RecurrentTestBase
{
    [Test]
    public void Lstm_Build_KerasLayoutNamesAndUnitForgetBias()
    {
        var lstm = new LSTM(5);
        lstm.Apply(K.Placeholder([null, null, 3], name: "x"));

        Assert.That(lstm.Weights.Select(w => w.Shape.ToString()), Is.EqualTo(new[] { Shape.Of(3, 20).ToString(), Shape.Of(5, 20).ToString(), Shape.Of(20).ToString() }));
        Assert.That(lstm.Weights.Select(w => Graph.VariableName(w)), Is.EqualTo(new[] { "lstm/lstm_cell/kernel", "lstm/lstm_cell/recurrent_kernel", "lstm/lstm_cell/bias" }));
        Assert.That(Values(K.GetValue(lstm.Cell.Bias!)), Is.EqualTo(Enumerable.Repeat(0f, 5).Concat(Enumerable.Repeat(1f, 5)).Concat(Enumerable.Repeat(0f, 10))));
        var recurrent = K.GetValue(lstm.Cell.RecurrentKernel).Span<float>();
        double dot = 0;
        for (int j = 0; j < 20; j++) dot += recurrent[j] * recurrent[20 + j];
        Assert.That(dot, Is.EqualTo(0).Within(1e-5), "orthogonal recurrent kernel: rows are orthogonal");
    }

    [Test]
    public void Lstm_UnitForgetBiasFalse_BiasZeros()
    {
        var lstm = new LSTM(2, unitForgetBias: false);
        lstm.Apply(K.Placeholder([null, null, 3], name: "x"));

        Assert.That(Values(K.GetValue(lstm.Cell.Bias!)), Is.All.EqualTo(0f));
    }

    [TestCase(true, new[] { 2, 12 })]
    [TestCase(false, new[] { 12 })]
    public void Gru_Build_KernelsAndBiasShapeFollowResetAfter(bool resetAfter, int[] biasShape)
    {
        var gru = new GRU(4, resetAfter: resetAfter);
        gru.Apply(K.Placeholder([null, null, 3], name: "x"));

        Assert.That(gru.Cell.Kernel.Shape.Dims, Is.EqualTo(new int?[] { 3, 12 }));
        Assert.That(gru.Cell.RecurrentKernel.Shape.Dims, Is.EqualTo(new int?[] { 4, 12 }));
        Assert.That(gru.Cell.Bias!.Shape.Dims, Is.EqualTo(biasShape.Select(d => (int?)d)));
        Assert.That(gru.TrainableWeights, Has.Count.EqualTo(3));
    }

    [Test]
    public void Defaults_AreTfKeras()
    {
        var lstm = new LSTM(2);
        var gru = new GRU(2);
        var simple = new SimpleRNN(2);

        Assert.That((lstm.Cell.RecurrentActivation.Name, lstm.Cell.Activation.Name, lstm.Cell.UnitForgetBias), Is.EqualTo(("sigmoid", "tanh", true)));
        Assert.That((gru.Cell.RecurrentActivation.Name, gru.Cell.ResetAfter), Is.EqualTo(("sigmoid", true)));
        Assert.That((simple.Cell.Activation.Name, simple.Cell.KernelInitializer.ToString(), simple.Cell.RecurrentInitializer.ToString()),
            Is.EqualTo(("tanh", "glorot_uniform", "orthogonal")));
        Assert.That((lstm.ReturnSequences, lstm.ReturnState, lstm.GoBackwards, lstm.Stateful, lstm.Unroll), Is.EqualTo((false, false, false, false, false)));
    }

    [Test]
    public void PretrainedLstm_RestoredByScopeIntoAnotherModel_SameOutputs()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rnn-restore-{Guid.NewGuid():N}.safetensors");
        var input = Uniform(11, 1, 4, 7, 3);
        TensorBuffer pretrainedOutput;
        try
        {
            // Model A: an LSTM named "encoder" trained a few steps, then saved.
            var graphA = new ComputationGraph(seed: 1);
            using (graphA.AsDefault())
            {
                var inputsA = new Input([null, 3]);
                var encoderA = new LSTM(6, name: "encoder");
                var modelA = new Model(inputsA.Node, new Dense(1).Apply(encoderA.Apply(inputsA.Node)));
                modelA.Compile(new Adam(1e-2), "mse");
                var before = K.GetValue(encoderA.Cell.Kernel).Span<float>().ToArray();
                for (int i = 0; i < 5; i++) modelA.TrainOnBatch(input, Uniform(12, 1, 4, 1));
                Assert.That(Values(K.GetValue(encoderA.Cell.Kernel)), Is.Not.EqualTo(before), "training changed the weights");
                pretrainedOutput = K.Function([inputsA.Node], [encoderA.Output]).Call(input).Buffer(0);
                VariableSaver.Save(path, graphA.Variables, encoderA.Weights);
            }

            // Model B, another graph and seed: same encoder name, a different head.
            var graphB = new ComputationGraph(seed: 2);
            using (graphB.AsDefault())
            {
                var inputsB = new Input([null, 3]);
                var encoderB = new LSTM(6, name: "encoder");
                var encoded = encoderB.Apply(inputsB.Node);
                _ = new Model(inputsB.Node, new Dense(4, activation: "relu").Apply(encoded));
                var f = K.Function([inputsB.Node], [encoded]);
                var fresh = f.Call(input).Buffer(0);

                var restored = VariableSaver.Restore(path, graphB.Variables, graphB, scopePrefix: "encoder");

                Assert.That(restored, Is.EqualTo(new[] { "encoder/lstm_cell/bias", "encoder/lstm_cell/kernel", "encoder/lstm_cell/recurrent_kernel" }));
                Assert.That(Values(fresh), Is.Not.EqualTo(Values(pretrainedOutput)).Within(1e-4), "before the restore the encoders differ");
                AssertClose(f.Call(input).Buffer(0), pretrainedOutput, 1e-6, "restored encoder");
            }
        }
        finally { File.Delete(path); }
    }
}
