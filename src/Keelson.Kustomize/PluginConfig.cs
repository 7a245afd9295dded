using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary>
/// How kustomize reports a builtin transformer it could not configure (a patch or replacement file it could not
/// read): the transformer's name, its config as YAML between backquotes, then the error.
/// </summary>
internal static class PluginConfig
{
    public static KustomizeException Failed(string transformer, JsonObject config, string error, Exception inner) =>
        new($"trouble configuring builtin {transformer} with config: `\n{Yaml(config)}`: {error}", inner);

    private static string Yaml(JsonObject config)
    {
        var sb = new StringBuilder();
        KustomizeYamlWriter.Write(sb, (JsonObject)WithoutEmpty(config)!);
        return sb.ToString();
    }

    /// <summary>kustomize marshals the typed config, whose fields are omitempty: empty values are not written.</summary>
    private static JsonNode? WithoutEmpty(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                var kept = new JsonObject();
                foreach (var (key, value) in map)
                {
                    var v = WithoutEmpty(value);
                    if (v is null or JsonObject { Count: 0 } or JsonArray { Count: 0 }) continue;
                    if (v is JsonValue s && s.TryGetValue<string>(out var text) && text.Length == 0) continue;
                    kept[key] = v;
                }
                return kept;
            case JsonArray list:
                return new JsonArray(list.Select(WithoutEmpty).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
