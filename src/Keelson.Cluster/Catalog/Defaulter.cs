using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Fills in defaults the way a Kubernetes 1.32 apiserver does on create and update (the pkg/apis/*/v1 defaulting
/// functions plus the registry and admission steps that always run: namespace finalizers, pod QoS class, service
/// cluster IPs, node ports). An applied manifest read back should differ from a real cluster only in uid,
/// timestamps, resourceVersion, allocated IPs and ports.
/// Apply works in place and never removes or overwrites a value the object already has. It does not validate:
/// a Job template without a restartPolicy stays without one so the <see cref="Validator"/> can reject it.
/// It does not generate names, uids or a Job's controller-uid selector.
/// </summary>
public static partial class Defaulter
{
    /// <summary>Defaults <paramref name="obj"/> in place according to its type.</summary>
    /// <param name="allocateClusterIP">Gives a Service its cluster IP; when null a Service without one is left without one.</param>
    /// <param name="allocateNodePort">Gives NodePort and LoadBalancer ports a node port; when null one is picked at random in 30000-32767.</param>
    public static void Apply(ResourceType type, JsonObject obj, Func<string>? allocateClusterIP = null, Func<int>? allocateNodePort = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        if (type.IsCustom)
        {
            if (type.Schema is not null) ApplySchemaDefaults(type.Schema, obj);
            return;
        }

        switch (type.Group, type.Kind)
        {
            case ("", "Pod"): Pod(obj); break;
            case ("", "PodTemplate"): PodTemplate(obj["template"] as JsonObject, jobTemplate: false); break;
            case ("", "ReplicationController"): ReplicationController(obj); break;
            case ("", "Service"): Service(obj, allocateClusterIP, allocateNodePort); break;
            case ("", "Secret"): SetIfAbsent(obj, "type", "Opaque"); break;
            case ("", "Namespace"): Namespace(obj); break;
            case ("", "PersistentVolumeClaim"): PersistentVolumeClaim(obj); break;
            case ("", "PersistentVolume"): PersistentVolume(obj); break;
            case ("", "Endpoints"): Endpoints(obj); break;
            case ("apps", "Deployment"): Deployment(obj); break;
            case ("apps", "ReplicaSet"): ReplicaSet(obj); break;
            case ("apps", "StatefulSet"): StatefulSet(obj); break;
            case ("apps", "DaemonSet"): DaemonSet(obj); break;
            case ("batch", "Job"): Job(obj); break;
            case ("batch", "CronJob"): CronJob(obj); break;
            case ("autoscaling", "HorizontalPodAutoscaler"): HorizontalPodAutoscaler(type.Version, obj); break;
            case ("networking.k8s.io", "NetworkPolicy"): NetworkPolicy(obj); break;
            case ("storage.k8s.io", "StorageClass"): StorageClass(obj); break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"): CustomResourceDefinition(obj); break;
            default: break;
        }

        // Go serialises a non-pointer status struct even when empty: real objects read back with "status": {}.
        if (type.HasStatus && obj["status"] is null) obj["status"] = new JsonObject();
    }

    private static void SetIfAbsent(JsonObject obj, string property, JsonNode? value)
    {
        if (obj[property] is null) obj[property] = value;
    }

    private static bool IsEmptyString(JsonObject obj, string property) =>
        obj[property] is null || (obj[property] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);

    private static void SetIfEmpty(JsonObject obj, string property, string value)
    {
        if (IsEmptyString(obj, property)) obj[property] = value;
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
