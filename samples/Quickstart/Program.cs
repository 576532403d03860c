using System.Numerics.Tensors;
using Graph.Core;
using Graph.Runtime;

// A small model graph: h = tanh(x·W + b), y = dropout(h, 0.5). Nothing runs until the function is called.
var graph = new ComputationGraph(seed: 42);
using var _ = graph.AsDefault();

Node x = K.Placeholder([null, 4], name: "x");
Node w = K.Variable(Tensor.Create(Enumerable.Range(0, 12).Select(i => (i - 6) / 10f).ToArray(), [4, 3]), name: "W");
Node b = K.Variable(Tensor.Create(new[] { 0.1f, 0f, -0.1f }, [3]), name: "b");
Node h = K.Tanh(Graph.Ops.G.Add(K.Dot(x, w), b));
Node y = K.Dropout(h, rate: 0.5, seed: 7);

Console.WriteLine("The graph (text dump):");
Console.Write(graph.View().ToText());
Console.WriteLine($"\nh uses the learning phase: {h.UsesLearningPhase}; y uses it: {y.UsesLearningPhase}\n");

var f = K.Function([x, K.LearningPhase()], [y]);
var batch = Tensor.Create(new[] { 1f, 2f, 3f, 4f, -1f, 0.5f, 0f, 2f }, [2, 4]);
Print("phase 0 (inference: dropout is the identity)", f.Call(batch, 0)[0]);
Print("phase 1 (training: units dropped, the rest scaled by 2)", f.Call(batch, 1)[0]);
Print("phase 1 again (a fresh mask each run)", f.Call(batch, 1)[0]);
Console.WriteLine($"\nplan for phase 0: {f.PlanFor(0).StepOps.Count} steps ({string.Join(", ", f.PlanFor(0).StepOps.Select(o => o.Type))})");
Console.WriteLine($"plan for phase 1: {f.PlanFor(1).StepOps.Count} steps ({string.Join(", ", f.PlanFor(1).StepOps.Select(o => o.Type))})");
Console.WriteLine($"plans compiled: {f.CompileCount}");

static void Print(string title, Tensor<float> t)
{
    Console.WriteLine(title + ":");
    var values = t.ToArray();
    int cols = (int)t.Lengths[1];
    for (int r = 0; r < t.Lengths[0]; r++)
        Console.WriteLine("  " + string.Join("  ", values.Skip(r * cols).Take(cols).Select(v => v.ToString("+0.0000;-0.0000"))));
}
