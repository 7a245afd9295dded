using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class Validator
{
    private static readonly string[] StatefulSetMutableSpec =
        ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    private static void ValidateUpdate(ResourceType type, JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        var oldSpec = old["spec"] as JsonObject;
        switch (type.Group, type.Kind)
        {
            case ("apps", "Deployment" or "ReplicaSet" or "DaemonSet"):
                Immutable("spec.selector", spec?["selector"], oldSpec?["selector"], errors);
                break;
            case ("apps", "StatefulSet"):
                Immutable("spec.selector", spec?["selector"], oldSpec?["selector"], errors);
                var rest = Without(spec, StatefulSetMutableSpec);
                var oldRest = Without(oldSpec, StatefulSetMutableSpec);
                if (!JsonNode.DeepEquals(rest, oldRest))
                    errors.Add(FieldErrors.Forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
                break;
            case ("batch", "Job"):
                Immutable("spec.selector", spec?["selector"], oldSpec?["selector"], errors);
                Immutable("spec.completions", spec?["completions"], oldSpec?["completions"], errors);
                Immutable("spec.completionMode", spec?["completionMode"], oldSpec?["completionMode"], errors);
                Immutable("spec.template", spec?["template"], oldSpec?["template"], errors);
                break;
            case ("", "Service"):
                var oldIP = Str(oldSpec?["clusterIP"]);
                var newIP = Str(spec?["clusterIP"]);
                // An update that leaves clusterIP out keeps the allocated one; only a different value is an error.
                if (oldIP is { Length: > 0 } && newIP is { Length: > 0 } && newIP != oldIP && Str(spec?["type"]) != "ExternalName")
                {
                    errors.Add(FieldErrors.Invalid("spec.clusterIPs[0]", new JsonArray(newIP), "may not change once set"));
                }
                break;
            case ("", "ConfigMap" or "Secret"):
                if (old["immutable"] is JsonValue iv && iv.TryGetValue<bool>(out var immutable) && immutable)
                {
                    foreach (var field in type.Kind == "Secret" ? new[] { "data" } : ["data", "binaryData"])
                    {
                        if (!JsonNode.DeepEquals(obj[field], old[field]))
                            errors.Add(FieldErrors.Forbidden(field, "field is immutable when `immutable` is set"));
                    }
                    if (obj["immutable"] is not JsonValue nv || !nv.TryGetValue<bool>(out var still) || !still)
                        errors.Add(FieldErrors.Forbidden("immutable", "field is immutable when `immutable` is set"));
                }
                break;
            default:
                break;
        }
    }

    private static void Immutable(string path, JsonNode? value, JsonNode? oldValue, List<FieldError> errors)
    {
        if (oldValue is null) return;
        if (!JsonNode.DeepEquals(value, oldValue)) errors.Add(FieldErrors.Invalid(path, value, "field is immutable"));
    }

    private static JsonObject Without(JsonObject? spec, string[] fields)
    {
        var copy = spec?.DeepClone() as JsonObject ?? [];
        foreach (var f in fields) copy.Remove(f);
        return copy;
    }
}
