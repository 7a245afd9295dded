using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Keelson.Engine.Model;

/// <summary>The JSON conventions of Argo CD's types: camelCase names, absent rather than null fields.</summary>
public static class ArgoJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static T? Read<T>(JsonNode? node) where T : class => node is null ? null : node.Deserialize<T>(Options);

    public static JsonNode? Write<T>(T? value) => value is null ? null : JsonSerializer.SerializeToNode(value, Options);
}
