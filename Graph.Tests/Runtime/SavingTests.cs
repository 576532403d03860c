using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Graph.Core;
using Graph.Ops.Initializers;
using Graph.Runtime;
using Graph.Runtime.Saving;
using NUnit.Framework;

namespace Graph.Tests.Runtime;

public sealed class SavingTests : GraphTestBase
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "graph-saving-" + Guid.NewGuid().ToString("N"))).FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string FilePath(string name = "vars.safetensors") => Path.Combine(_directory, name);

    private static float[] Floats(Node v) => K.GetValue(v).Span<float>().ToArray();

    /// <summary>encoder/w (2,3), encoder/b (3), decoder/w (3,2), all float32 with distinct values.</summary>
    private (Node EncW, Node EncB, Node DecW) BuildAutoencoder()
    {
        Node encW, encB, decW;
        using (K.VariableScope("encoder"))
        {
            encW = K.GetVariable("w", Shape.Of(2, 3));
            encB = K.GetVariable("b", Shape.Of(3), initializer: new ConstantInitializer(0.25));
        }
        using (K.VariableScope("decoder")) decW = K.GetVariable("w", Shape.Of(3, 2));
        return (encW, encB, decW);
    }

    [Test]
    public void SaveRestore_AllDtypes_RoundTrip()
    {
        var f32 = K.Variable(TensorBuffer.From<float>([1.5f, -2f, 3.25f, 0f], 2, 2), "f32");
        var f64 = K.Variable(TensorBuffer.From<double>([Math.PI], 1), "f64");
        var i32 = K.Variable(TensorBuffer.From<int>([7, -8, 9], 3), "i32");
        var i64 = K.Variable(TensorBuffer.From<long>([long.MaxValue], 1), "i64");
        var flags = K.Variable(TensorBuffer.From<bool>([true, false, true], 3), "flags");
        var scalar = K.Variable(TensorBuffer.From<float>([42f]), "scalar");
        var all = new[] { f32, f64, i32, i64, flags, scalar };
        var originals = all.Select(K.GetValue).ToArray();
        VariableSaver.Save(FilePath(), Graph.Variables, all);
        K.SetValue(f32, TensorBuffer.Zeros(DType.Float32, 2, 2));
        K.SetValue(i64, TensorBuffer.Zeros(DType.Int64, 1));
        K.SetValue(flags, TensorBuffer.Zeros(DType.Bool, 3));

        var restored = VariableSaver.Restore(FilePath(), Graph.Variables, Graph);

        Assert.That(restored, Is.EqualTo(new[] { "f32", "f64", "flags", "i32", "i64", "scalar" }));
        for (int i = 0; i < all.Length; i++) Assert.That(K.GetValue(all[i]).ContentEquals(originals[i]), Is.True, all[i].Name);
    }

    [Test]
    public void Restore_ScopePrefix_LoadsOnlyThatScopeIntoAnotherGraph()
    {
        var (encW, encB, _) = BuildAutoencoder();
        VariableSaver.Save(FilePath(), Graph.Variables, Graph.VariablesByName.Values);
        var target = new ComputationGraph(seed: 777);
        using var _ = target.AsDefault();
        Node newEncW, newEncB, head;
        using (K.VariableScope("encoder"))
        {
            newEncW = K.GetVariable("w", Shape.Of(2, 3));
            newEncB = K.GetVariable("b", Shape.Of(3));
        }
        using (K.VariableScope("head")) head = K.GetVariable("w", Shape.Of(3, 4));
        var headBefore = Floats(head);

        var restored = VariableSaver.Restore(FilePath(), target.Variables, target, scopePrefix: "encoder");

        Assert.That(restored, Is.EqualTo(new[] { "encoder/b", "encoder/w" }));
        Assert.That(Floats(newEncW), Is.EqualTo(Floats(encW)));
        Assert.That(Floats(newEncB), Is.EqualTo(Floats(encB)));
        Assert.That(Floats(head), Is.EqualTo(headBefore));
    }

    [Test]
    public void Restore_MissingVariable_ThrowsNamingItAndRestoresNothing()
    {
        var (encW, _, _) = BuildAutoencoder();
        VariableSaver.Save(FilePath(), Graph.Variables, [encW]);
        K.SetValue(encW, TensorBuffer.Zeros(DType.Float32, 2, 3));

        Assert.That(() => VariableSaver.Restore(FilePath(), Graph.Variables, Graph),
            Throws.ArgumentException.With.Message.Contains("'decoder/w' is not in"));
        Assert.That(Floats(encW), Is.All.EqualTo(0f), "encoder/w was in the file but nothing is half-restored");
    }

    [Test]
    public void Restore_ShapeOrDtypeMismatch_ThrowsNamingVariableAndRestoresNothing()
    {
        BuildAutoencoder();
        VariableSaver.Save(FilePath(), Graph.Variables, Graph.VariablesByName.Values);
        var other = new ComputationGraph(seed: 5);
        using var _ = other.AsDefault();
        Node a, b;
        using (K.VariableScope("encoder"))
        {
            a = K.GetVariable("b", Shape.Of(3));
            b = K.GetVariable("w", Shape.Of(3, 2));
        }
        var aBefore = Floats(a);

        Assert.That(() => VariableSaver.Restore(FilePath(), other.Variables, other),
            Throws.ArgumentException.With.Message.Contains("'encoder/w' has shape (3, 2)").And.Message.Contains("(2, 3)"));
        Assert.That(Floats(a), Is.EqualTo(aBefore));

        var third = new ComputationGraph();
        using var __ = third.AsDefault();
        using (K.VariableScope("encoder")) K.GetVariable("b", Shape.Of(3), DType.Float64);
        Assert.That(() => VariableSaver.Restore(FilePath(), third.Variables, third),
            Throws.ArgumentException.With.Message.Contains("'encoder/b' is float64 (3,)").And.Message.Contains("F32"));
    }

    [Test]
    public void Restore_NameMap_ReadsRenamedTensor()
    {
        var (encW, _, _) = BuildAutoencoder();
        VariableSaver.Save(FilePath(), Graph.Variables, [encW]);
        var target = new ComputationGraph(seed: 3);
        using var _ = target.AsDefault();
        Node w;
        using (K.VariableScope("pretrained")) w = K.GetVariable("kernel", Shape.Of(2, 3));

        VariableSaver.Restore(FilePath(), target.Variables, target, "pretrained",
            new Dictionary<string, string> { ["pretrained/kernel"] = "encoder/w" });

        Assert.That(Floats(w), Is.EqualTo(Floats(encW)));
    }

    [Test]
    public void Save_File_ReadableByIndependentSafetensorsParser()
    {
        var (encW, encB, decW) = BuildAutoencoder();
        var counts = K.Variable(TensorBuffer.From<long>([3, 1, 4], 3), "counts");
        VariableSaver.Save(FilePath(), Graph.Variables, [encW, encB, decW, counts]);

        var bytes = File.ReadAllBytes(FilePath());
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        int dataStart = 8 + (int)headerLength;
        float[] ReadF32(string name, out int[] shape)
        {
            var entry = header.RootElement.GetProperty(name);
            Assert.That(entry.GetProperty("dtype").GetString(), Is.EqualTo("F32"));
            shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt32()).ToArray();
            return Enumerable.Range(0, (offsets[1] - offsets[0]) / 4).Select(i => BitConverter.ToSingle(bytes, dataStart + offsets[0] + 4 * i)).ToArray();
        }

        Assert.That(headerLength % 8, Is.EqualTo(0), "header padded to 8 bytes");
        Assert.That(header.RootElement.GetProperty("__metadata__").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(ReadF32("encoder/w", out var shape), Is.EqualTo(Floats(encW)));
        Assert.That(shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(ReadF32("decoder/w", out _), Is.EqualTo(Floats(decW)));
        var countsEntry = header.RootElement.GetProperty("counts");
        Assert.That(countsEntry.GetProperty("dtype").GetString(), Is.EqualTo("I64"));
        int countsBegin = countsEntry.GetProperty("data_offsets")[0].GetInt32();
        Assert.That(BitConverter.ToInt64(bytes, dataStart + countsBegin + 16), Is.EqualTo(4L));
        Assert.That(header.RootElement.EnumerateObject().Max(p => p.Name == "__metadata__" ? 0 : p.Value.GetProperty("data_offsets")[1].GetInt32()),
            Is.EqualTo(bytes.Length - dataStart), "the data section is exactly covered");
    }

    [Test]
    public void Restore_FileTruncatedAtEveryMultipleOfSeven_FailsCleanlyAndChangesNothing()
    {
        var (encW, encB, decW) = BuildAutoencoder();
        VariableSaver.Save(FilePath(), Graph.Variables, [encW, encB, decW]);
        var bytes = File.ReadAllBytes(FilePath());
        var all = new[] { encW, encB, decW };
        foreach (var v in all) K.SetValue(v, TensorBuffer.Zeros(DType.Float32, v.Shape.ToArray()));
        var truncated = FilePath("truncated.safetensors");

        int attempts = 0;
        for (int length = 0; length < bytes.Length; length += 7, attempts++)
        {
            File.WriteAllBytes(truncated, bytes[..length]);
            Assert.That(() => VariableSaver.Restore(truncated, Graph.Variables, Graph),
                Throws.TypeOf<SafetensorsFormatException>(), $"truncated to {length} of {bytes.Length} bytes");
        }

        Assert.That(attempts, Is.GreaterThan(20));
        foreach (var v in all) Assert.That(Floats(v), Is.All.EqualTo(0f), v.Name);
    }

    private string WriteRaw(string headerJson, int dataBytes, ulong? claimedHeaderLength = null)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, claimedHeaderLength ?? (ulong)header.Length);
        header.CopyTo(file, 8);
        var path = FilePath("raw.safetensors");
        File.WriteAllBytes(path, file);
        return path;
    }

    [TestCase("", 0, "header length 0 is too small")]
    [TestCase("{\"w\": 1}", 0, "not described by an object")]
    [TestCase("not json at all", 0, "not valid JSON")]
    [TestCase("[1, 2]", 0, "not a JSON object")]
    [TestCase("{\"w\": {\"dtype\": \"F33\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4, "unknown dtype 'F33'")]
    [TestCase("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4, "does not match its 4 bytes")]
    [TestCase("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 8]}}", 4, "ends at byte 8")]
    [TestCase("{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", 4, "invalid dimension")]
    [TestCase("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 0]}}", 4, "invalid data_offsets")]
    [TestCase("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8, "must not overlap")]
    [TestCase("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8, "starts at byte 4")]
    [TestCase("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 8, "cover 4 bytes of a data section of 8")]
    [TestCase("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8, "appears twice")]
    [TestCase("{\"a\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4, "no data_offsets")]
    [TestCase("{\"__metadata__\": {\"k\": 1}}", 0, "not a string")]
    public void Restore_MalformedHeader_FormatErrorWithReason(string header, int dataBytes, string reason)
    {
        var path = WriteRaw(header, dataBytes);

        Assert.That(() => VariableSaver.Restore(path, Graph.Variables, Graph),
            Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains(reason).And.Message.Contains(path));
    }

    [Test]
    public void Restore_HostileSizes_RejectedWithoutAllocating()
    {
        var hugeHeader = WriteRaw("{}", 0, claimedHeaderLength: ulong.MaxValue / 3);
        string hugeTensorJson = "{\"w\": {\"dtype\": \"F64\", \"shape\": [2000000000, 2000000000], \"data_offsets\": [0, 32000000000000000]}}";
        Assert.That(() => VariableSaver.Restore(hugeHeader, Graph.Variables, Graph), Throws.TypeOf<SafetensorsFormatException>());

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(() => VariableSaver.Restore(hugeHeader, Graph.Variables, Graph),
            Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains("exceeds"));
        var hugeTensor = WriteRaw(hugeTensorJson, 16);
        Assert.That(() => VariableSaver.Restore(hugeTensor, Graph.Variables, Graph),
            Throws.TypeOf<SafetensorsFormatException>().With.Message.Contains("ends at byte"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.LessThan(256 * 1024));
    }

    [Test]
    public void Save_Atomic_NoTemporaryLeftAndOldFileNeverRewrittenInPlace()
    {
        var (encW, _, _) = BuildAutoencoder();
        VariableSaver.Save(FilePath(), Graph.Variables, Graph.VariablesByName.Values);
        var oldBytes = File.ReadAllBytes(FilePath());
        using var reader = new FileStream(FilePath(), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        K.SetValue(encW, TensorBuffer.Zeros(DType.Float32, 2, 3));

        VariableSaver.Save(FilePath(), Graph.Variables, Graph.VariablesByName.Values);

        var seenByOpenReader = new byte[oldBytes.Length + 16];
        int read = reader.Read(seenByOpenReader);
        Assert.That(seenByOpenReader[..read], Is.EqualTo(oldBytes), "the old file is replaced by rename, never truncated in place");
        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EqualTo(new[] { "vars.safetensors" }));
        K.SetValue(encW, TensorBuffer.From<float>([1f, 1f, 1f, 1f, 1f, 1f], 2, 3));
        VariableSaver.Restore(FilePath(), Graph.Variables, Graph);
        Assert.That(Floats(encW), Is.All.EqualTo(0f));
    }

    [Test]
    public void Save_FailingFinalMove_LeavesNoTemporaryAndTargetUntouched()
    {
        var (encW, _, _) = BuildAutoencoder();
        var target = Directory.CreateDirectory(FilePath("occupied")).FullName;
        File.WriteAllText(Path.Combine(target, "keep.txt"), "x");

        Assert.That(() => VariableSaver.Save(target, Graph.Variables, [encW]), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(Directory.GetFiles(_directory), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(target, "keep.txt")), Is.EqualTo("x"));
    }
}
