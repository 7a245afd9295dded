using System.Text.Json.Nodes;

namespace Keelson.Cluster.Catalog;

public static partial class Defaulter
{
    /// <summary>
    /// Applies the <c>default</c> values of a structural schema: a property missing from an object that exists gets its
    /// schema's default (a copy); defaults are applied inside arrays and additionalProperties maps too.
    /// </summary>
    public static void ApplySchemaDefaults(JsonObject schema, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(schema);
        switch (node)
        {
            case JsonObject obj:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (name, propertySchema) in properties)
                    {
                        if (propertySchema is not JsonObject ps) continue;
                        if (!obj.ContainsKey(name) && ps["default"] is { } value) obj[name] = value.DeepClone();
                        if (obj[name] is { } child) ApplySchemaDefaults(ps, child);
                    }
                }
                if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var (_, value) in obj.ToList()) ApplySchemaDefaults(additional, value);
                }
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var element in array) ApplySchemaDefaults(items, element);
                break;
            default:
                break;
        }
    }
}
