using System.Diagnostics;
using AddingProblem;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;

// The adding problem with an LSTM(32) and Adam: trains on 10 000 sequences with a Keras-style progress bar and
// reports the test MSE (predicting the mean scores about 0.167). Usage: AddingProblem [length] [epochs]
int length = args.Length > 0 ? int.Parse(args[0]) : 50;
int epochs = args.Length > 1 ? int.Parse(args[1]) : 10;
var (xTrain, yTrain) = AddingData.Generate(10_000, length, seed: 1);
var (xTest, yTest) = AddingData.Generate(2_000, length, seed: 2);

var graph = new ComputationGraph(seed: 7);
using var _ = graph.AsDefault();
var input = new Input([length, 2]);
var model = new Model(input.Node, new Dense(1).Apply(new LSTM(32).Apply(input.Node)));
model.Compile(new Adam(1e-2), "mse");

var clock = Stopwatch.StartNew();
model.Fit(xTrain, yTrain, batchSize: 50, epochs: epochs, verbose: 2, validationSplit: 0.1);
Console.WriteLine($"training took {clock.Elapsed.TotalSeconds:F1} s");
double mse = model.Evaluate(xTest, yTest, batchSize: 500)[0];
Console.WriteLine($"adding problem, length {length}: test MSE {mse:F4} (predicting the mean: ~0.167)");
