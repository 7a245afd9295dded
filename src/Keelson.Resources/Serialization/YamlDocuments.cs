using System.Text.Json.Nodes;

namespace Keelson.Resources.Serialization;

/// <summary>Reads and writes multi-document YAML (and JSON) streams as JSON nodes.</summary>
public static class YamlDocuments
{
    /// <summary>
    /// Parses every document of a YAML 1.1 stream (JSON is YAML) the way kubectl reads it: plain scalars
    /// resolve to bool/int/float/null by YAML 1.1 rules, keys are strings. Empty documents are skipped.
    /// Throws <see cref="YamlFormatException"/> naming <paramref name="source"/> and the line.
    /// </summary>
    public static IReadOnlyList<JsonNode?> Parse(string text, string? source = null) => throw new NotImplementedException();

    /// <summary>Writes one node as a YAML document (block style, keys in their order, strings quoted where YAML 1.1 would misread them).</summary>
    public static string Write(JsonNode? node) => throw new NotImplementedException();

    /// <summary>Writes documents separated by "---".</summary>
    public static string WriteAll(IEnumerable<JsonNode?> documents) => throw new NotImplementedException();
}
