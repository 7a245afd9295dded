using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class TableConverter
{
    private static List<Column> ColumnsFor(ResourceType type, DateTimeOffset now)
    {
        var name = NameColumn();
        var age = AgeColumn(now);
        if (type.IsCustom) return CustomColumns(type, now);
        return (type.Group, type.Kind) switch
        {
            ("", "Pod") =>
            [
                name,
                new("Ready", "string", 0, o => $"{Items(At(o, "status", "containerStatuses")).Count(c => c["ready"] is JsonValue r && r.TryGetValue<bool>(out var b) && b)}/{Items(At(o, "spec", "containers")).Count()}"),
                new("Status", "string", 0, PodStatus),
                new("Restarts", "string", 0, o => Items(At(o, "status", "containerStatuses")).Sum(c => N(c["restartCount"])).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                age,
                new("IP", "string", 1, o => OrNone(S(At(o, "status", "podIP")))),
                new("Node", "string", 1, o => OrNone(S(At(o, "spec", "nodeName")))),
                new("Nominated Node", "string", 1, o => OrNone(S(At(o, "status", "nominatedNodeName")))),
                new("Readiness Gates", "string", 1, o => ReadinessGates(o)),
            ],
            ("apps", "Deployment") =>
            [
                name,
                new("Ready", "string", 0, o => $"{N(At(o, "status", "readyReplicas"))}/{N(At(o, "spec", "replicas"))}"),
                new("Up-to-date", "integer", 0, o => N(At(o, "status", "updatedReplicas"))),
                new("Available", "integer", 0, o => N(At(o, "status", "availableReplicas"))),
                age,
                .. WorkloadWide(),
            ],
            ("apps", "ReplicaSet") or ("", "ReplicationController") =>
            [
                name,
                new("Desired", "integer", 0, o => N(At(o, "spec", "replicas"))),
                new("Current", "integer", 0, o => N(At(o, "status", "replicas"))),
                new("Ready", "integer", 0, o => N(At(o, "status", "readyReplicas"))),
                age,
                .. WorkloadWide(),
            ],
            ("apps", "StatefulSet") =>
            [
                name,
                new("Ready", "string", 0, o => $"{N(At(o, "status", "readyReplicas"))}/{N(At(o, "spec", "replicas"))}"),
                age,
                .. WorkloadWide().Take(2),
            ],
            ("apps", "DaemonSet") =>
            [
                name,
                new("Desired", "integer", 0, o => N(At(o, "status", "desiredNumberScheduled"))),
                new("Current", "integer", 0, o => N(At(o, "status", "currentNumberScheduled"))),
                new("Ready", "integer", 0, o => N(At(o, "status", "numberReady"))),
                new("Up-to-date", "integer", 0, o => N(At(o, "status", "updatedNumberScheduled"))),
                new("Available", "integer", 0, o => N(At(o, "status", "numberAvailable"))),
                new("Node Selector", "string", 0, o => MapSelector(At(o, "spec", "template", "spec", "nodeSelector"))),
                age,
                .. WorkloadWide(),
            ],
            ("", "Service") =>
            [
                name,
                new("Type", "string", 0, o => S(At(o, "spec", "type")) is { Length: > 0 } t ? t : "ClusterIP"),
                new("Cluster-IP", "string", 0, o => OrNone(S(At(o, "spec", "clusterIP")))),
                new("External-IP", "string", 0, o => ExternalIP(o)),
                new("Port(s)", "string", 0, o => ServicePorts(o)),
                age,
                new("Selector", "string", 1, o => MapSelector(At(o, "spec", "selector"))),
            ],
            ("", "ConfigMap") => [name, new("Data", "integer", 0, o => DataCount(o, "data", "binaryData")), age],
            ("", "Secret") => [name, new("Type", "string", 0, o => S(o["type"])), new("Data", "integer", 0, o => DataCount(o, "data")), age],
            ("", "Namespace") => [name, new("Status", "string", 0, o => S(At(o, "status", "phase"))), age],
            ("", "ServiceAccount") => [name, new("Secrets", "integer", 0, o => Items(o["secrets"]).Count()), age],
            ("", "Endpoints") => [name, new("Endpoints", "string", 0, o => EndpointsCell(o)), age],
            ("", "Node") =>
            [
                name,
                new("Status", "string", 0, o => NodeStatus(o)),
                new("Roles", "string", 0, o => NodeRoles(o)),
                age,
                new("Version", "string", 0, o => S(At(o, "status", "nodeInfo", "kubeletVersion"))),
                new("Internal-IP", "string", 1, o => NodeAddress(o, "InternalIP")),
                new("External-IP", "string", 1, o => NodeAddress(o, "ExternalIP")),
                new("OS-Image", "string", 1, o => S(At(o, "status", "nodeInfo", "osImage"))),
                new("Kernel-Version", "string", 1, o => S(At(o, "status", "nodeInfo", "kernelVersion"))),
                new("Container-Runtime", "string", 1, o => S(At(o, "status", "nodeInfo", "containerRuntimeVersion"))),
            ],
            ("batch", "Job") =>
            [
                name,
                new("Status", "string", 0, o => JobStatus(o)),
                new("Completions", "string", 0, o => $"{N(At(o, "status", "succeeded"))}/{(At(o, "spec", "completions") is { } c ? N(c).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1")}"),
                new("Duration", "string", 0, o => JobDuration(o, now)),
                age,
                new("Containers", "string", 1, o => At(o, "spec", "template", "spec") is JsonObject p ? Containers(p) : "<none>"),
                new("Images", "string", 1, o => At(o, "spec", "template", "spec") is JsonObject p ? Images(p) : "<none>"),
                new("Selector", "string", 1, o => Selector(At(o, "spec", "selector"))),
            ],
            ("batch", "CronJob") =>
            [
                name,
                new("Schedule", "string", 0, o => S(At(o, "spec", "schedule"))),
                new("Timezone", "string", 0, o => OrNone(S(At(o, "spec", "timeZone")))),
                new("Suspend", "boolean", 0, o => At(o, "spec", "suspend") is JsonValue v && v.TryGetValue<bool>(out var b) && b),
                new("Active", "integer", 0, o => Items(At(o, "status", "active")).Count()),
                new("Last Schedule", "string", 0, o => At(o, "status", "lastScheduleTime") is { } t ? Age(S(t), now) : "<none>"),
                age,
            ],
            ("autoscaling", "HorizontalPodAutoscaler") =>
            [
                name,
                new("Reference", "string", 0, o => $"{S(At(o, "spec", "scaleTargetRef", "kind"))}/{S(At(o, "spec", "scaleTargetRef", "name"))}"),
                new("Targets", "string", 0, o => HpaTargets(o)),
                new("MinPods", "string", 0, o => At(o, "spec", "minReplicas") is { } m ? N(m).ToString(System.Globalization.CultureInfo.InvariantCulture) : "<unset>"),
                new("MaxPods", "integer", 0, o => N(At(o, "spec", "maxReplicas"))),
                new("Replicas", "integer", 0, o => N(At(o, "status", "currentReplicas"))),
                age,
            ],
            ("networking.k8s.io", "Ingress") =>
            [
                name,
                new("Class", "string", 0, o => OrNone(S(At(o, "spec", "ingressClassName")))),
                new("Hosts", "string", 0, o => Items(At(o, "spec", "rules")).Select(r => S(r["host"])).Where(h => h.Length > 0).ToList() is { Count: > 0 } hosts ? string.Join(",", hosts) : "*"),
                new("Address", "string", 0, o => string.Join(",", Items(At(o, "status", "loadBalancer", "ingress")).Select(i => S(i["ip"]) is { Length: > 0 } ip ? ip : S(i["hostname"])))),
                new("Ports", "string", 0, o => Items(At(o, "spec", "tls")).Any() ? "80, 443" : "80"),
                age,
            ],
            ("", "Event") or ("events.k8s.io", "Event") =>
            [
                new("Last Seen", "string", 0, o => Age(EventTime(o), now)),
                new("Type", "string", 0, o => S(o["type"])),
                new("Reason", "string", 0, o => S(o["reason"])),
                new("Object", "string", 0, o => At(o, "involvedObject") is JsonObject io ? $"{S(io["kind"]).ToLowerInvariant()}/{S(io["name"])}" : At(o, "regarding") is JsonObject rg ? $"{S(rg["kind"]).ToLowerInvariant()}/{S(rg["name"])}" : ""),
                new("Message", "string", 0, o => S(o["message"]) is { Length: > 0 } m ? m : S(o["note"])),
                new("Name", "string", 1, o => o.GetName() ?? "", "name"),
            ],
            ("", "PersistentVolumeClaim") =>
            [
                name,
                new("Status", "string", 0, o => S(At(o, "status", "phase"))),
                new("Volume", "string", 0, o => S(At(o, "spec", "volumeName"))),
                new("Capacity", "string", 0, o => S(At(o, "status", "capacity", "storage"))),
                new("Access Modes", "string", 0, o => AccessModes(At(o, "status", "accessModes"))),
                new("StorageClass", "string", 0, o => S(At(o, "spec", "storageClassName"))),
                new("VolumeAttributesClass", "string", 0, o => OrNone(S(At(o, "spec", "volumeAttributesClassName")))),
                age,
                new("VolumeMode", "string", 1, o => S(At(o, "spec", "volumeMode"))),
            ],
            ("", "PersistentVolume") =>
            [
                name,
                new("Capacity", "string", 0, o => S(At(o, "spec", "capacity", "storage"))),
                new("Access Modes", "string", 0, o => AccessModes(At(o, "spec", "accessModes"))),
                new("Reclaim Policy", "string", 0, o => S(At(o, "spec", "persistentVolumeReclaimPolicy"))),
                new("Status", "string", 0, o => S(At(o, "status", "phase"))),
                new("Claim", "string", 0, o => At(o, "spec", "claimRef") is JsonObject c ? $"{S(c["namespace"])}/{S(c["name"])}" : ""),
                new("StorageClass", "string", 0, o => S(At(o, "spec", "storageClassName"))),
                new("VolumeAttributesClass", "string", 0, o => OrNone(S(At(o, "spec", "volumeAttributesClassName")))),
                new("Reason", "string", 0, o => S(At(o, "status", "reason"))),
                age,
                new("VolumeMode", "string", 1, o => S(At(o, "spec", "volumeMode"))),
            ],
            ("apiextensions.k8s.io", "CustomResourceDefinition") =>
                [name, new("Created At", "date", 0, o => o.GetMetadata()?.GetString("creationTimestamp") ?? "")],
            ("storage.k8s.io", "StorageClass") =>
            [
                new("Name", "string", 0, o => (o.GetName() ?? "") + (o.GetAnnotations().TryGetValue("storageclass.kubernetes.io/is-default-class", out var d) && d == "true" ? " (default)" : ""), "name"),
                new("Provisioner", "string", 0, o => S(o["provisioner"])),
                new("ReclaimPolicy", "string", 0, o => S(o["reclaimPolicy"]) is { Length: > 0 } r ? r : "Delete"),
                new("VolumeBindingMode", "string", 0, o => S(o["volumeBindingMode"]) is { Length: > 0 } m ? m : "Immediate"),
                new("AllowVolumeExpansion", "string", 0, o => o["allowVolumeExpansion"] is JsonValue v && v.TryGetValue<bool>(out var b) && b ? "true" : "false"),
                age,
            ],
            _ => [name, age],
        };
    }

    private static IEnumerable<Column> WorkloadWide() =>
    [
        new("Containers", "string", 1, o => At(o, "spec", "template", "spec") is JsonObject p ? Containers(p) : "<none>"),
        new("Images", "string", 1, o => At(o, "spec", "template", "spec") is JsonObject p ? Images(p) : "<none>"),
        new("Selector", "string", 1, o => At(o, "spec", "selector") is JsonObject sel && sel.ContainsKey("matchLabels") || At(o, "spec", "selector") is JsonObject { Count: 0 } || At(o, "spec", "selector")?["matchExpressions"] is not null
            ? Selector(At(o, "spec", "selector")) : MapSelector(At(o, "spec", "selector"))),
    ];

    private static List<Column> CustomColumns(ResourceType type, DateTimeOffset now)
    {
        var columns = new List<Column> { NameColumn() };
        if (type.PrinterColumns is not { Count: > 0 } printerColumns)
        {
            columns.Add(AgeColumn(now));
            return columns;
        }
        foreach (var pc in printerColumns.OfType<JsonObject>())
        {
            var path = S(pc["jsonPath"]);
            var colType = S(pc["type"]) is { Length: > 0 } t ? t : "string";
            var priority = (int)N(pc["priority"]);
            columns.Add(new Column(S(pc["name"]), colType, priority, o =>
            {
                var value = JsonPathLite.Evaluate(o, path);
                if (value is null) return null;
                if (colType == "date") return Age(S(value), now);
                return value is JsonValue ? value.DeepClone() : value.ToJsonString();
            }, S(pc["format"])));
        }
        return columns;
    }
}
