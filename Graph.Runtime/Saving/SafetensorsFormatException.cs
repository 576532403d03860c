namespace Graph.Runtime.Saving;

/// <summary>A safetensors file is truncated or malformed; the message names the file and what is wrong.</summary>
public sealed class SafetensorsFormatException : Exception
{
    public SafetensorsFormatException(string message) : base(message) { }
    public SafetensorsFormatException(string message, Exception inner) : base(message, inner) { }
}
