using System.Text.Json.Nodes;
using Keelson.Resources.FieldManagement;
using Keelson.Resources.Patching;

namespace Keelson.Resources.Tests.FieldManagement;

/// <summary>Builders and readers shared by the field management tests.</summary>
internal static class ManagedObjects
{
    public static readonly DateTimeOffset T1 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    public static readonly DateTimeOffset T2 = new(2026, 1, 2, 4, 0, 0, TimeSpan.Zero);

    public static readonly PatchMeta? DeploymentMeta = PatchMeta.ForKind(new GroupVersionKind("apps", "v1", "Deployment"));

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A Deployment manifest named web with one container "web" and the given replicas and image.</summary>
    public static JsonObject Deployment(int replicas = 2, string image = "nginx:1.27") => Parse($$"""
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": { "name": "web", "namespace": "demo", "labels": { "app": "web" } },
          "spec": {
            "replicas": {{replicas}},
            "selector": { "matchLabels": { "app": "web" } },
            "template": {
              "metadata": { "labels": { "app": "web" } },
              "spec": { "containers": [ { "name": "web", "image": "{{image}}" } ] }
            }
          }
        }
        """);

    public static JsonObject Applied(JsonObject? live, JsonObject config, string manager, DateTimeOffset? now = null, bool force = false, PatchMeta? meta = null)
    {
        var outcome = ServerSideApply.Apply(live, config, manager, force, meta ?? DeploymentMeta, now ?? T1);
        Assert.False(outcome.HasConflicts, "expected no conflicts, got: " + string.Join("; ", outcome.Conflicts));
        return outcome.Object!;
    }

    public static JsonArray ManagedFields(JsonObject obj) => (JsonArray)obj.GetMetadata()!["managedFields"]!;

    public static JsonObject? Entry(JsonObject obj, string manager, string operation = "Apply") =>
        obj.GetMetadata()?["managedFields"] is JsonArray entries
            ? entries.OfType<JsonObject>().SingleOrDefault(e => e.GetString("manager") == manager && e.GetString("operation") == operation)
            : null;

    /// <summary>The manager's fieldsV1 as compact JSON, or null when it has no entry.</summary>
    public static string? FieldsOf(JsonObject obj, string manager, string operation = "Apply") =>
        Entry(obj, manager, operation)?["fieldsV1"] is JsonObject f ? FieldSet.FromFieldsV1(f).ToFieldsV1Json() : null;

    public static bool Owns(JsonObject obj, string manager, FieldPath path, string operation = "Apply") =>
        Entry(obj, manager, operation)?["fieldsV1"] is JsonObject f && FieldSet.FromFieldsV1(f).Contains(path);

    public static FieldPath Replicas => FieldPath.Fields("spec", "replicas");

    public static FieldPath Container(string name) =>
        FieldPath.Fields("spec", "template", "spec", "containers").Append(PathElement.Key([new("name", name)]));
}
