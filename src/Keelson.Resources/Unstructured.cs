using System.Text.Json.Nodes;

namespace Keelson.Resources;

/// <summary>
/// Accessors over an unstructured Kubernetes object held as a <see cref="JsonObject"/>.
/// Getters never throw on missing or mistyped fields: they return null. Setters create the
/// intermediate objects they need.
/// </summary>
public static class Unstructured
{
    public static string? GetApiVersion(this JsonObject obj) => obj.GetString("apiVersion");

    public static string? GetKind(this JsonObject obj) => obj.GetString("kind");

    public static GroupVersionKind GetGroupVersionKind(this JsonObject obj) =>
        GroupVersionKind.From(obj.GetApiVersion() ?? "", obj.GetKind() ?? "");

    public static JsonObject? GetMetadata(this JsonObject obj) => obj["metadata"] as JsonObject;

    public static JsonObject Metadata(this JsonObject obj) => obj.EnsureObject("metadata");

    public static string? GetName(this JsonObject obj) => obj.GetMetadata()?.GetString("name");

    public static string? GetNamespace(this JsonObject obj) => obj.GetMetadata()?.GetString("namespace");

    public static string? GetResourceVersion(this JsonObject obj) => obj.GetMetadata()?.GetString("resourceVersion");

    public static string? GetUid(this JsonObject obj) => obj.GetMetadata()?.GetString("uid");

    public static long GetGeneration(this JsonObject obj) =>
        obj.GetMetadata()?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    /// <summary>Labels as a dictionary; non-string values are skipped.</summary>
    public static IReadOnlyDictionary<string, string> GetLabels(this JsonObject obj) => StringMap(obj.GetMetadata()?["labels"]);

    public static IReadOnlyDictionary<string, string> GetAnnotations(this JsonObject obj) => StringMap(obj.GetMetadata()?["annotations"]);

    public static void SetName(this JsonObject obj, string name) => obj.Metadata()["name"] = name;

    public static void SetNamespace(this JsonObject obj, string? ns)
    {
        if (ns is null) obj.GetMetadata()?.Remove("namespace");
        else obj.Metadata()["namespace"] = ns;
    }

    public static void SetResourceVersion(this JsonObject obj, string? rv)
    {
        if (rv is null) obj.GetMetadata()?.Remove("resourceVersion");
        else obj.Metadata()["resourceVersion"] = rv;
    }

    public static void SetLabel(this JsonObject obj, string key, string value) => obj.Metadata().EnsureObject("labels")[key] = value;

    public static void SetAnnotation(this JsonObject obj, string key, string value) => obj.Metadata().EnsureObject("annotations")[key] = value;

    /// <summary>The string at a property, or null when it is absent or not a string.</summary>
    public static string? GetString(this JsonObject obj, string property) =>
        obj[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Follows a path of property names; null when any step is absent or not an object.</summary>
    public static JsonNode? GetPath(this JsonObject obj, params string[] path)
    {
        JsonNode? node = obj;
        foreach (var step in path)
        {
            if (node is not JsonObject o) return null;
            node = o[step];
        }
        return node;
    }

    /// <summary>The object at a property, created (replacing a non-object value) when absent.</summary>
    public static JsonObject EnsureObject(this JsonObject obj, string property)
    {
        if (obj[property] is JsonObject existing) return existing;
        var created = new JsonObject();
        obj[property] = created;
        return created;
    }

    private static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not JsonObject map) return result;
        foreach (var (key, value) in map)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s)) result[key] = s;
        }
        return result;
    }
}
