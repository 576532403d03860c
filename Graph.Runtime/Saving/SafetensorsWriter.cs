using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Graph.Core;

namespace Graph.Runtime.Saving;

/// <summary>
/// Writes a safetensors file atomically: the bytes go to a temporary file in the target's directory, which is
/// flushed to disk and then renamed over the target, so readers see the old file or the new one, never a mix.
/// Tensors are laid out in ordinal name order; the JSON header is padded with spaces to a multiple of 8 bytes.
/// </summary>
internal static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (unique names) and <paramref name="metadata"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, TensorBuffer>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var header = Header(ordered, metadata);
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath) ?? ".";
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> prefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                stream.Write(prefix);
                stream.Write(header);
                foreach (var (_, value) in ordered) WriteData(stream, value);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            // File.Exists never throws, so the original failure is the one reported.
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Reverses the bytes of each <paramref name="size"/>-byte element (for big-endian hosts).</summary>
    public static void SwapBytes(Span<byte> data, int size)
    {
        for (int i = 0; i + size <= data.Length; i += size) data.Slice(i, size).Reverse();
    }

    private static byte[] Header(List<KeyValuePair<string, TensorBuffer>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("__metadata__");
            foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal)) writer.WriteString(key, value);
            writer.WriteEndObject();
            long offset = 0;
            foreach (var (name, value) in tensors)
            {
                long bytes = (long)value.Length * value.DType.SizeOf();
                writer.WriteStartObject(name);
                writer.WriteString("dtype", SafetensorsDTypes.Name(value.DType));
                writer.WriteStartArray("shape");
                foreach (int d in value.Dims) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }
            writer.WriteEndObject();
        }
        int padding = (int)((8 - json.Length % 8) % 8);
        for (int i = 0; i < padding; i++) json.WriteByte((byte)' ');
        return json.ToArray();
    }

    private static void WriteData(Stream stream, TensorBuffer value)
    {
        if (value.DType == DType.Bool)
        {
            var bytes = new byte[value.Length];
            var flags = value.Span<bool>();
            for (int i = 0; i < bytes.Length; i++) bytes[i] = flags[i] ? (byte)1 : (byte)0;
            stream.Write(bytes);
            return;
        }
        Span<byte> raw = value.DType switch
        {
            DType.Float32 => MemoryMarshal.AsBytes(value.Span<float>()),
            DType.Float64 => MemoryMarshal.AsBytes(value.Span<double>()),
            DType.Int32 => MemoryMarshal.AsBytes(value.Span<int>()),
            _ => MemoryMarshal.AsBytes(value.Span<long>()),
        };
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(raw);
            return;
        }
        var copy = raw.ToArray();
        SwapBytes(copy, value.DType.SizeOf());
        stream.Write(copy);
    }
}
