using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Resources.Serialization;

/// <summary>Reads and writes multi-document YAML (and JSON) streams as JSON nodes.</summary>
public static class YamlDocuments
{
    /// <summary>
    /// Parses every document of a YAML 1.1 stream (JSON is YAML) the way kubectl reads it: plain scalars
    /// resolve to bool/int/float/null by YAML 1.1 rules (go-yaml v2), quoted scalars are strings, keys are
    /// strings (a plain key <c>on</c> becomes "true"), anchors, aliases and <c>&lt;&lt;</c> merge keys are
    /// expanded. Empty documents are skipped. <c>.inf</c>/<c>.nan</c> become double values, which JSON cannot
    /// serialise. Throws <see cref="YamlFormatException"/> naming <paramref name="source"/> and the line.
    /// </summary>
    public static IReadOnlyList<JsonNode?> Parse(string text, string? source = null) => new YamlReader(source).ReadStream(text);

    /// <summary>Writes one node as a YAML document (block style, keys in their order, strings quoted where YAML 1.1 would misread them).</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        YamlWriter.WriteDocument(sb, node);
        return sb.ToString();
    }

    /// <summary>Writes documents separated by "---".</summary>
    public static string WriteAll(IEnumerable<JsonNode?> documents)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var document in documents)
        {
            if (!first) sb.Append("---\n");
            first = false;
            YamlWriter.WriteDocument(sb, document);
        }
        return sb.ToString();
    }
}
