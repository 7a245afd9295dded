using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The fields each resource can be selected by (<c>?fieldSelector=</c>), as the apiserver's registries declare them:
/// metadata.name and metadata.namespace for every resource plus per-kind fields. Values are rendered as strings the
/// way the apiserver compares them ("true"/"false" for booleans, numbers in decimal, "" for absent fields).
/// </summary>
public static class FieldSelectors
{
    private static readonly Dictionary<(string Group, string Kind), string[][]> Fields = new()
    {
        [("", "Pod")] = [["spec", "nodeName"], ["spec", "restartPolicy"], ["spec", "schedulerName"], ["spec", "serviceAccountName"],
            ["spec", "hostNetwork"], ["status", "phase"], ["status", "podIP"], ["status", "nominatedNodeName"]],
        [("", "Event")] = [["involvedObject", "kind"], ["involvedObject", "namespace"], ["involvedObject", "name"], ["involvedObject", "uid"],
            ["involvedObject", "apiVersion"], ["involvedObject", "resourceVersion"], ["involvedObject", "fieldPath"],
            ["reason"], ["reportingComponent"], ["source"], ["type"]],
        [("events.k8s.io", "Event")] = [["regarding", "kind"], ["regarding", "namespace"], ["regarding", "name"], ["regarding", "uid"],
            ["regarding", "apiVersion"], ["regarding", "resourceVersion"], ["regarding", "fieldPath"], ["reason"], ["reportingController"], ["type"]],
        [("", "Secret")] = [["type"]],
        [("", "Namespace")] = [["status", "phase"]],
        [("", "Node")] = [["spec", "unschedulable"]],
        [("", "ReplicationController")] = [["status", "replicas"]],
        [("apps", "ReplicaSet")] = [["status", "replicas"]],
        [("batch", "Job")] = [["status", "successful"]],
    };

    public static bool IsSupported(ResourceType type, string field)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (field is "metadata.name" or "metadata.namespace") return true;
        return Fields.TryGetValue((type.Group, type.Kind), out var fields) && fields.Any(f => string.Join('.', f) == field);
    }

    /// <summary>The value of a supported field of <paramref name="obj"/>; null when the field is not supported.</summary>
    public static string? Value(ResourceType type, JsonObject obj, string field)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!IsSupported(type, field)) return null;
        switch (type.Group, type.Kind, field)
        {
            case (_, _, "metadata.name"): return obj.GetName() ?? "";
            // Cluster-scoped objects have no namespace; the apiserver matches them against "".
            case (_, _, "metadata.namespace"): return type.Namespaced ? obj.GetNamespace() ?? "" : "";
            // core Event "source" is the reporting component, falling back to source.component.
            case ("", "Event", "source"): return Text(obj["reportingComponent"]) is { Length: > 0 } rc ? rc : Text(obj.GetPath("source", "component"));
            // "status.successful" is what Job registries call status.succeeded.
            case ("batch", "Job", "status.successful"): return Text(obj.GetPath("status", "succeeded")) is { Length: > 0 } s ? s : "0";
            case ("", "Node", "spec.unschedulable"): return Text(obj.GetPath("spec", "unschedulable")) is { Length: > 0 } u ? u : "false";
            case ("", "Pod", "spec.hostNetwork"): return Text(obj.GetPath("spec", "hostNetwork")) is { Length: > 0 } h ? h : "false";
            case (_, "ReplicaSet" or "ReplicationController", "status.replicas"): return Text(obj.GetPath("status", "replicas")) is { Length: > 0 } r ? r : "0";
            default: return Text(obj.GetPath(field.Split('.')));
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => "",
    };
}
