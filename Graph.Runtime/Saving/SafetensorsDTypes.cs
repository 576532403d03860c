using Graph.Core;

namespace Graph.Runtime.Saving;

/// <summary>The safetensors dtype strings: their element sizes, and which of them map to our dtypes.</summary>
internal static class SafetensorsDTypes
{
    private static readonly Dictionary<string, int> Sizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1,
        ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4,
        ["I64"] = 8, ["U64"] = 8, ["F64"] = 8,
    };

    /// <summary>Bytes per element of a safetensors dtype string, or null if the string is not one.</summary>
    public static int? SizeOf(string dtype) => Sizes.TryGetValue(dtype, out int size) ? size : null;

    /// <summary>The safetensors string of <paramref name="dtype"/>.</summary>
    public static string Name(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        DType.Int64 => "I64",
        _ => "BOOL",
    };

    /// <summary>Our dtype for a safetensors string, or null when we have none (e.g. F16).</summary>
    public static DType? ToDType(string dtype) => dtype switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "I32" => DType.Int32,
        "I64" => DType.Int64,
        "BOOL" => DType.Bool,
        _ => null,
    };
}
