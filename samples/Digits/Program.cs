using System.Diagnostics;
using System.Numerics.Tensors;
using Digits;
using Graph.Core;
using Graph.Ops.Layers;
using Graph.Runtime.Training;
using Graph.Runtime.Training.Optimizers;

// Trains an MLP with Dropout and BatchNormalization on the UCI digits (stratified 75/25 split, seed 7), with a
// Keras-style progress bar, writes its training curves to training_curves.svg in the current folder, then prints the
// test confusion matrix and accuracy. Usage: Digits [epochs]
int epochs = args.Length > 0 ? int.Parse(args[0]) : 40;
var data = DigitsData.Load(DigitsData.FindFile());
var (train, test) = data.StratifiedSplit(0.75, seed: 7);
Console.WriteLine($"digits: {data.Labels.Length} samples, {train.Labels.Length} train / {test.Labels.Length} test (stratified)");

var graph = new ComputationGraph(seed: 7);
using var _ = graph.AsDefault();
var model = DigitsModel.Build();
model.Compile(new Adam(1e-3), "sparse_categorical_crossentropy", ["accuracy"]);

var clock = Stopwatch.StartNew();
var history = model.Fit(ToTensor(train.Features), Tensor.Create(train.Labels, [train.Labels.Length]),
    batchSize: 32, epochs: epochs, verbose: 1, validationSplit: 0.1);
Console.WriteLine($"training took {clock.Elapsed.TotalSeconds:F1} s");
var curves = Path.GetFullPath("training_curves.svg");
TrainingCurves.Write(history, curves);
Console.WriteLine($"training curves (loss and accuracy per epoch, training and validation): {curves}");

var probabilities = model.Predict(ToTensor(test.Features));
var predicted = ArgMaxRows(probabilities.ToArray(), 10);
var confusion = new int[10, 10];
for (int i = 0; i < predicted.Length; i++) confusion[test.Labels[i], predicted[i]]++;
Console.WriteLine("\nconfusion matrix (rows: true digit, columns: predicted)");
Console.WriteLine("     " + string.Concat(Enumerable.Range(0, 10).Select(c => $"{c,4}")));
for (int r = 0; r < 10; r++)
    Console.WriteLine($"{r,4} " + string.Concat(Enumerable.Range(0, 10).Select(c => $"{confusion[r, c],4}")));
double accuracy = Enumerable.Range(0, 10).Sum(k => confusion[k, k]) / (double)predicted.Length;
Console.WriteLine($"test accuracy: {accuracy:F4}");

static Tensor<float> ToTensor(float[][] rows) => Tensor.Create(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

static int[] ArgMaxRows(float[] values, int columns) =>
    Enumerable.Range(0, values.Length / columns).Select(r => Array.IndexOf(values, values.Skip(r * columns).Take(columns).Max(), r * columns) - r * columns).ToArray();
