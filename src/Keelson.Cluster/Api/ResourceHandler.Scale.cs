using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;
using Keelson.Resources.Selection;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    /// <summary>The autoscaling/v1 Scale view of an object with a scale subresource.</summary>
    internal static JsonObject ScaleOf(ResourceType type, JsonObject obj)
    {
        var scale = type.Scale!;
        var meta = obj.GetMetadata()!;
        var scaleMeta = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (meta[field] is { } value) scaleMeta[field] = value.DeepClone();
        }
        var status = new JsonObject { ["replicas"] = ReadInt(obj, scale.StatusReplicasPath) ?? 0 };
        if (scale.LabelSelectorPath is not null && ReadPath(obj, scale.LabelSelectorPath) is { } selector)
        {
            status["selector"] = selector is JsonObject selectorObject ? SelectorText(selectorObject) : selector.ToString();
        }
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = ReadInt(obj, scale.SpecReplicasPath) ?? 0 },
            ["status"] = status,
        };
    }

    /// <summary>Writes a Scale's spec.replicas (and its resourceVersion precondition) into the object.</summary>
    private static JsonObject ApplyScale(ResourceType type, JsonObject current, JsonObject scale)
    {
        var replicas = scale.GetPath("spec", "replicas");
        if (replicas is not JsonValue v || !v.TryGetValue<long>(out var count))
        {
            throw ApiErrors.Invalid(type, current.GetName() ?? "", [new FieldError("spec.replicas", FieldErrorType.Invalid, "spec.replicas: Invalid value: must be an integer", "FieldValueInvalid")]);
        }
        if (count < 0)
        {
            throw new ApiException(422, "Invalid", $"Scale.autoscaling \"{current.GetName()}\" is invalid: spec.replicas: Invalid value: {count}: must be greater than or equal to 0");
        }
        WritePath(current, type.Scale!.SpecReplicasPath, JsonValue.Create(count));
        // The Scale's resourceVersion is the precondition; without one a concurrent write is retried.
        current.SetResourceVersion(scale.GetResourceVersion() is { Length: > 0 } rv ? rv : null);
        return current;
    }

    private static string SelectorText(JsonObject selector)
    {
        var labels = selector["matchLabels"] as JsonObject;
        var parts = new List<string>();
        if (labels is not null) parts.AddRange(labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        if (selector["matchExpressions"] is JsonArray { Count: > 0 })
        {
            return LabelSelector.FromJson(selector).ToString() ?? string.Join(",", parts);
        }
        return string.Join(",", parts);
    }

    private static JsonNode? ReadPath(JsonObject obj, string path) => obj.GetPath(path.TrimStart('.').Split('.'));

    private static long? ReadInt(JsonObject obj, string path) =>
        ReadPath(obj, path) is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    private static void WritePath(JsonObject obj, string path, JsonNode value)
    {
        var steps = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var step in steps[..^1]) node = node.EnsureObject(step);
        node[steps[^1]] = value;
    }
}
