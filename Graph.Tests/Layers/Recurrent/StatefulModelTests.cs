using Graph.Ops.Layers;
using Graph.Runtime;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;
using NUnit.Framework;

namespace Graph.Tests.Layers.Recurrent;

/// <summary>A stateful recurrent layer inside a model: its state updates run with the model's functions.</summary>
public sealed class StatefulModelTests : RecurrentTestBase
{
    [Test]
    public void TrainOnBatch_StatefulLstm_CarriesStatesUntilReset()
    {
        var input = new Input([null, 3], batchSize: 2);
        var lstm = new LSTM(4, stateful: true);
        var model = new Model(input.Node, new Dense(1).Apply(lstm.Apply(input.Node)));
        model.Compile(new Sgd(0), "mse");
        var x = Uniform(1, 1, 2, 5, 3);
        var y = Uniform(2, 1, 2, 1);

        model.TrainOnBatch(x, y);
        var afterOne = Values(K.GetValue(lstm.States[0]));
        model.TrainOnBatch(x, y);
        var afterTwo = Values(K.GetValue(lstm.States[0]));
        lstm.ResetStates();

        Assert.That(afterOne, Has.Some.Not.EqualTo(0f), "the first batch left its final state");
        Assert.That(afterTwo, Is.Not.EqualTo(afterOne), "the second batch started from it");
        Assert.That(Values(K.GetValue(lstm.States[0])), Is.All.EqualTo(0f));
        Assert.That(model.Updates, Has.Count.EqualTo(2), "the two state assignments are the model's updates");
    }
}
