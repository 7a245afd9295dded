using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Tests.Diff;

internal static class Objects
{
    public static JsonObject Yaml(string yaml) => YamlDocuments.Parse(yaml).Single()!.AsObject();

    public static string ToYaml(JsonNode? node) => YamlDocuments.Write(node);
}
