using System.Numerics.Tensors;
using Graph.Core;
using Graph.Ops;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

/// <summary>Acceptance 5 of the foundation: caching, allocation and concurrency.</summary>
public sealed class PlanCacheTests : GraphTestBase
{
    [Test]
    public void Call_SameSignatureAndNewBatchSize_CompilesNothingNew()
    {
        var x = K.Placeholder([null, 4], name: "x");
        var f = K.Function([x, K.LearningPhase()], [K.Dropout(K.Tanh(x), 0.5)]);
        var session = Session.For(Graph);

        f.Call(Ones(2, 4), 0);
        int afterFirst = session.PlanCompilations;
        f.Call(Ones(2, 4), 0);
        f.Call(Ones(7, 4), 0);
        f.Call(Ones(1, 4), 0);

        Assert.That(afterFirst, Is.EqualTo(1));
        Assert.That(session.PlanCompilations, Is.EqualTo(1));
        Assert.That(f.CompileCount, Is.EqualTo(1));
        f.Call(Ones(2, 4), 1);
        Assert.That(f.CompileCount, Is.EqualTo(2), "the other phase is its own plan");
    }

    [Test]
    public void Call_AfterWarmUp_AllocatesNoMoreThanItsOutput()
    {
        var x = K.Placeholder([null, 10000], name: "x");
        var w = K.Variable(TensorBuffer.From<float>(Enumerable.Range(0, 10000).Select(i => i * 1e-4f).ToArray(), 10000), name: "w");
        var y = K.Tanh(G.Add(G.Mul(x, w), 1.0));
        var f = K.Function([x, K.LearningPhase()], [K.Dropout(y, 0.5)]);
        var input = Ones(1, 10000);
        for (int i = 0; i < 50; i++) { f.Call(input, 1); f.Call(input, 0); }

        long before = GC.GetAllocatedBytesForCurrentThread();
        f.Call(input, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        const int outputBytes = 10000 * sizeof(float);
        // The output's data plus its small holders (result, buffer and dims objects, about 200 bytes).
        Assert.That(allocated, Is.LessThanOrEqualTo(outputBytes + 512));
    }

    [Test]
    public void Call_FromFourThreads_MatchesSequentialResults()
    {
        var x = K.Placeholder([null, 32], name: "x");
        var w = G.Variable(Shape.Of(32, 32), name: "w");
        var y = K.Dropout(K.Tanh(K.Dot(x, w)), 0.5);
        var f = K.Function([x, K.LearningPhase()], [y]);
        var inputs = Enumerable.Range(0, 16).Select(k => Tensor2D(3, 32, i => MathF.Sin(i + k))).ToArray();
        var pinned = new RunOptions(PinnedRunCounter: 77);
        var expected0 = inputs.Select(t => f.Call(t, 0)[0].ToArray()).ToArray();
        var expected1 = inputs.Select(t => f.Call(pinned, t, 1)[0].ToArray()).ToArray();

        var failures = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (int round = 0; round < 50; round++)
                for (int k = 0; k < inputs.Length; k++)
                {
                    if (!f.Call(inputs[k], 0)[0].ToArray().SequenceEqual(expected0[k])) Interlocked.Increment(ref failures);
                    if (!f.Call(pinned, inputs[k], 1)[0].ToArray().SequenceEqual(expected1[k])) Interlocked.Increment(ref failures);
                }
        });

        Assert.That(failures, Is.EqualTo(0));
    }

    [Test]
    public void UpdateOfTwoVariables_ConcurrentReaders_NeverSeeHalfApplied()
    {
        var a = K.Variable(TensorBuffer.From<float>(new float[64], 64), name: "a");
        var b = K.Variable(TensorBuffer.From<float>(new float[64], 64), name: "b");
        var step = K.Function([], [], [K.Update(a, G.Add(a, 1.0)), K.Update(b, G.Add(b, 1.0))]);
        var read = K.Function([], [a, b]);
        int torn = 0, reads = 0;
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = read.Call();
                if (!r[0].ToArray().SequenceEqual(r[1].ToArray())) Interlocked.Increment(ref torn);
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        // Interleave until both sides did real work (bounded: the readers start on pool threads).
        int steps = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((steps < 2000 || Volatile.Read(ref reads) < 2000) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            step.Call();
            steps++;
        }
        stop.Cancel();
        Task.WaitAll(readers);

        Assert.That(torn, Is.EqualTo(0));
        Assert.That(reads, Is.GreaterThanOrEqualTo(2000));
        Assert.That(K.GetValue(a).Span<float>()[0], Is.EqualTo((float)steps));
        Assert.That(K.GetValue(b).Span<float>()[63], Is.EqualTo((float)steps));
    }

    [Test]
    public void Call_FetchAndUpdateSameVariable_ReturnsPreUpdateValue()
    {
        var v = K.Variable(TensorBuffer.From<float>([5f], 1), name: "v");
        var f = K.Function([], [v], [K.Update(v, G.Add(v, 1.0))]);

        var fetched = f.Call()[0].ToArray();

        Assert.That(fetched, Is.EqualTo(new[] { 5f }));
        Assert.That(K.GetValue(v).Span<float>()[0], Is.EqualTo(6f));
    }
}
