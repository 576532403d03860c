using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Graph.Core;

namespace Graph.Runtime.Saving;

/// <summary>One tensor listed in a safetensors header; offsets are relative to the data section.</summary>
internal sealed record SafetensorsEntry(string Name, string DType, int[] Shape, long Begin, long End);

/// <summary>
/// Reads a safetensors file: an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}</c>), then the data.
/// <see cref="Open"/> validates the whole structure before anything else is allocated: N against the file length
/// (so a hostile length allocates nothing), the JSON, every dtype, every shape against its byte range, and the
/// ranges themselves (in order, contiguous from 0, covering the data section exactly, as the reference
/// implementation requires). A truncated file therefore always fails here.
/// </summary>
internal sealed class SafetensorsReader : IDisposable
{
    /// <summary>The reference implementation's bound on the header (100 MB).</summary>
    private const long MaxHeaderLength = 100_000_000;

    private readonly FileStream _stream;
    private readonly long _dataStart;

    private SafetensorsReader(FileStream stream, long dataStart, Dictionary<string, SafetensorsEntry> entries, Dictionary<string, string> metadata)
    {
        _stream = stream;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The file's path.</summary>
    public string Path => _stream.Name;

    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> strings (empty if absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and validates <paramref name="path"/>.</summary>
    /// <exception cref="SafetensorsFormatException">the file is truncated or malformed.</exception>
    public static SafetensorsReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long length = stream.Length;
            Span<byte> prefix = stackalloc byte[8];
            if (length < 8) throw Error(path, $"the file has {length} bytes; it must start with an 8-byte header length.");
            stream.ReadExactly(prefix);
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > (ulong)(length - 8))
                throw Error(path, $"the header length {headerLength} exceeds the {length - 8} bytes after the length field (truncated or corrupt file).");
            if (headerLength > MaxHeaderLength) throw Error(path, $"the header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes.");
            if (headerLength < 2) throw Error(path, $"the header length {headerLength} is too small for a JSON object.");
            var header = new byte[headerLength];
            stream.ReadExactly(header);
            long dataLength = length - 8 - (long)headerLength;
            var (entries, metadata) = ParseHeader(path, header, dataLength);
            return new SafetensorsReader(stream, 8 + (long)headerLength, entries, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads tensor <paramref name="entry"/> into a new buffer of <paramref name="dtype"/> (validated sizes).</summary>
    public TensorBuffer Read(SafetensorsEntry entry, DType dtype)
    {
        var buffer = TensorBuffer.Zeros(dtype, (int[])entry.Shape.Clone());
        _stream.Position = _dataStart + entry.Begin;
        if (dtype == DType.Bool)
        {
            var bytes = new byte[buffer.Length];
            _stream.ReadExactly(bytes);
            var values = buffer.Span<bool>();
            for (int i = 0; i < bytes.Length; i++) values[i] = bytes[i] != 0;
            return buffer;
        }
        Span<byte> raw = dtype switch
        {
            DType.Float32 => MemoryMarshal.AsBytes(buffer.Span<float>()),
            DType.Float64 => MemoryMarshal.AsBytes(buffer.Span<double>()),
            DType.Int32 => MemoryMarshal.AsBytes(buffer.Span<int>()),
            _ => MemoryMarshal.AsBytes(buffer.Span<long>()),
        };
        _stream.ReadExactly(raw);
        if (!BitConverter.IsLittleEndian) SafetensorsWriter.SwapBytes(raw, dtype.SizeOf());
        return buffer;
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private static (Dictionary<string, SafetensorsEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(header); }
        catch (JsonException e) { throw new SafetensorsFormatException($"Invalid safetensors file '{path}': the header is not valid JSON ({e.Message}).", e); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Error(path, "the header is not a JSON object.");
            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (sawMetadata) throw Error(path, "'__metadata__' appears twice.");
                    sawMetadata = true;
                    ParseMetadata(path, property.Value, metadata);
                    continue;
                }
                var entry = ParseEntry(path, property.Name, property.Value, dataLength);
                if (!entries.TryAdd(entry.Name, entry)) throw Error(path, $"tensor '{entry.Name}' appears twice.");
            }
            CheckLayout(path, entries.Values, dataLength);
            return (entries, metadata);
        }
    }

    private static void ParseMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Error(path, "'__metadata__' is not an object of strings.");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw Error(path, $"metadata '{item.Name}' is not a string.");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafetensorsEntry ParseEntry(string path, string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Error(path, $"tensor '{name}' is not described by an object.");
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Error(path, $"tensor '{name}' has no dtype string.");
        string dtype = dtypeElement.GetString()!;
        int elementSize = SafetensorsDTypes.SizeOf(dtype) ?? throw Error(path, $"tensor '{name}' has unknown dtype '{dtype}'.");
        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw Error(path, $"tensor '{name}' has no shape array.");
        var shape = new int[shapeElement.GetArrayLength()];
        int axis = 0;
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out int d) || d < 0)
                throw Error(path, $"tensor '{name}' has an invalid dimension {dim.GetRawText()} in its shape.");
            shape[axis++] = d;
        }
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Error(path, $"tensor '{name}' has no data_offsets pair.");
        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw Error(path, $"tensor '{name}' has invalid data_offsets {offsets.GetRawText()}.");
        if (end > dataLength)
            throw Error(path, $"tensor '{name}' ends at byte {end} of a data section of {dataLength} bytes (truncated or corrupt file).");
        // Multiplying up to the byte length, stopping once past it, so a hostile shape cannot overflow.
        long bytes = Array.IndexOf(shape, 0) >= 0 ? 0 : elementSize;
        foreach (int d in shape)
        {
            if (bytes == 0) break;
            if (bytes > (end - begin) / d + 1) { bytes = -1; break; }
            bytes *= d;
        }
        if (bytes != end - begin)
            throw Error(path, $"tensor '{name}' of dtype {dtype} and shape {Shape.Format(shape)} does not match its {end - begin} bytes.");
        if (bytes / elementSize > int.MaxValue) throw Error(path, $"tensor '{name}' has more elements than a buffer can hold.");
        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    private static void CheckLayout(string path, IEnumerable<SafetensorsEntry> entries, long dataLength)
    {
        long position = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != position)
                throw Error(path, $"tensor '{entry.Name}' starts at byte {entry.Begin}, expected {position}: data ranges must be contiguous and must not overlap.");
            position = entry.End;
        }
        if (position != dataLength)
            throw Error(path, $"the tensors cover {position} bytes of a data section of {dataLength} bytes.");
    }

    private static SafetensorsFormatException Error(string path, string message) => new($"Invalid safetensors file '{path}': {message}");
}
