namespace Keelson.Resources.Serialization;

/// <summary>Malformed YAML or JSON input; the message names the source and line.</summary>
public sealed class YamlFormatException(string message, string? source, long line, Exception? inner = null)
    : FormatException(message, inner)
{
    public string? Source2 => source;

    public long Line => line;
}
