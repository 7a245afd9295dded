namespace Keelson.Resources.Patching;

/// <summary>
/// The patchMergeKey / patchStrategy tags of the Kubernetes built-in types (k8s.io/api) that a
/// GitOps manifest is likely to carry, written out as <see cref="PatchMeta"/> trees.
/// </summary>
internal static class BuiltinPatchMeta
{
    private static PatchMeta Obj(params (string Name, PatchMeta Meta)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Meta, StringComparer.Ordinal));

    private static PatchMeta ListBy(string key, PatchMeta? item = null, IReadOnlyList<string>? listMapKeys = null) =>
        new(item?.Fields, mergeKey: key, listMapKeys: listMapKeys);

    private static readonly PatchMeta Conditions = ListBy("type");

    private static readonly PatchMeta ObjectMeta = Obj(
        ("finalizers", new PatchMeta(mergePrimitives: true)),
        ("ownerReferences", ListBy("uid")),
        ("managedFields", new PatchMeta(atomic: false)));

    private static readonly PatchMeta Container = Obj(
        ("ports", ListBy("containerPort", listMapKeys: ["containerPort", "protocol"])),
        ("env", ListBy("name")),
        ("volumeMounts", ListBy("mountPath")),
        ("volumeDevices", ListBy("devicePath")));

    private static readonly PatchMeta Volume = new(
        new Dictionary<string, PatchMeta>(), mergeKey: "name", retainKeys: true);

    private static readonly PatchMeta PodSpec = Obj(
        ("containers", ListBy("name", Container)),
        ("initContainers", ListBy("name", Container)),
        ("ephemeralContainers", ListBy("name", Container)),
        ("volumes", Volume),
        ("imagePullSecrets", ListBy("name")),
        ("hostAliases", ListBy("ip")),
        ("topologySpreadConstraints", ListBy("topologyKey", listMapKeys: ["topologyKey", "whenUnsatisfiable"])),
        ("resourceClaims", ListBy("name")),
        ("schedulingGates", ListBy("name")));

    private static readonly PatchMeta PodTemplate = Obj(("metadata", ObjectMeta), ("spec", PodSpec));

    private static readonly PatchMeta PodStatus = Obj(
        ("conditions", Conditions),
        ("podIPs", ListBy("ip")),
        ("hostIPs", ListBy("ip")));

    private static readonly PatchMeta WorkloadStatus = Obj(("conditions", Conditions));

    private static PatchMeta Top(PatchMeta? spec = null, PatchMeta? status = null)
    {
        var fields = new Dictionary<string, PatchMeta>(StringComparer.Ordinal) { ["metadata"] = ObjectMeta };
        if (spec is not null) fields["spec"] = spec;
        if (status is not null) fields["status"] = status;
        return new PatchMeta(fields);
    }

    private static readonly PatchMeta Plain = Top();

    private static readonly Dictionary<GroupKind, PatchMeta> Kinds = new()
    {
        [new("", "Pod")] = Top(PodSpec, PodStatus),
        [new("", "PodTemplate")] = Obj(("metadata", ObjectMeta), ("template", PodTemplate)),
        [new("", "ReplicationController")] = Top(Obj(("template", PodTemplate)), WorkloadStatus),
        [new("", "Service")] = Top(
            Obj(("ports", ListBy("port", listMapKeys: ["port", "protocol"]))),
            Obj(("conditions", Conditions))),
        [new("", "Node")] = Top(Obj(("taints", new PatchMeta(atomic: false))), Obj(("conditions", Conditions), ("addresses", ListBy("type")))),
        [new("", "Namespace")] = Top(null, Obj(("conditions", Conditions))),
        [new("", "ServiceAccount")] = Obj(("metadata", ObjectMeta), ("secrets", ListBy("name"))),
        [new("", "PersistentVolumeClaim")] = Top(null, Obj(("conditions", Conditions))),
        [new("apps", "Deployment")] = Top(
            Obj(("template", PodTemplate), ("strategy", new PatchMeta(retainKeys: true))),
            WorkloadStatus),
        [new("apps", "ReplicaSet")] = Top(Obj(("template", PodTemplate)), WorkloadStatus),
        [new("apps", "StatefulSet")] = Top(Obj(("template", PodTemplate)), WorkloadStatus),
        [new("apps", "DaemonSet")] = Top(Obj(("template", PodTemplate)), WorkloadStatus),
        [new("batch", "Job")] = Top(Obj(("template", PodTemplate)), WorkloadStatus),
        [new("batch", "CronJob")] = Top(Obj(("jobTemplate", Obj(("metadata", ObjectMeta), ("spec", Obj(("template", PodTemplate))))))),
        [new("autoscaling", "HorizontalPodAutoscaler")] = Top(null, Obj(("conditions", Conditions))),
        [new("policy", "PodDisruptionBudget")] = Top(null, Obj(("conditions", Conditions))),
        [new("apiextensions.k8s.io", "CustomResourceDefinition")] = Top(null, Obj(("conditions", Conditions))),
    };

    private static readonly HashSet<string> BuiltinGroups = new(StringComparer.Ordinal)
    {
        "", "apps", "batch", "autoscaling", "networking.k8s.io", "policy", "rbac.authorization.k8s.io",
        "storage.k8s.io", "coordination.k8s.io", "events.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io",
        "admissionregistration.k8s.io", "discovery.k8s.io", "node.k8s.io", "certificates.k8s.io",
    };

    public static PatchMeta? ForKind(GroupVersionKind gvk)
    {
        if (Kinds.TryGetValue(gvk.GroupKind, out var meta)) return meta;
        return BuiltinGroups.Contains(gvk.Group) ? Plain : null;
    }
}
