using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The built-in resources a Kubernetes 1.32 apiserver serves that the embedded cluster implements, with the names,
/// short names, categories, scope and subresources `kubectl api-resources` shows against a real cluster.
/// </summary>
internal static class BuiltinTypes
{
    private static readonly string[] NoDeleteCollection = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly string[] CreateOnly = ["create"];
    private static readonly string[] ReadOnly = ["get", "list"];

    /// <summary>Group-versions in the order a real apiserver lists them, preferred version of each group first.</summary>
    public static readonly IReadOnlyList<GroupVersion> GroupVersions =
    [
        new("", "v1"),
        new("apps", "v1"),
        new("events.k8s.io", "v1"),
        new("authentication.k8s.io", "v1"),
        new("authorization.k8s.io", "v1"),
        new("autoscaling", "v2"),
        new("autoscaling", "v1"),
        new("batch", "v1"),
        new("networking.k8s.io", "v1"),
        new("policy", "v1"),
        new("rbac.authorization.k8s.io", "v1"),
        new("storage.k8s.io", "v1"),
        new("apiextensions.k8s.io", "v1"),
        new("coordination.k8s.io", "v1"),
        new("scheduling.k8s.io", "v1"),
        new("discovery.k8s.io", "v1"),
        new("metrics.k8s.io", "v1beta1"),
    ];

    private static readonly ScaleSubresource ReplicasScale = new(".spec.replicas", ".status.replicas", ".spec.selector");

    /// <summary>Every built-in type, ordered by <see cref="GroupVersions"/> and then by plural name as discovery sorts them.</summary>
    public static readonly IReadOnlyList<ResourceType> All = Order(
    [
        // core/v1
        T("", "v1", "ConfigMap", "configmaps", ns: true, shortNames: ["cm"]),
        T("", "v1", "Endpoints", "endpoints", ns: true, shortNames: ["ep"], singular: "endpoints"),
        T("", "v1", "Event", "events", ns: true, shortNames: ["ev"]),
        T("", "v1", "LimitRange", "limitranges", ns: true, shortNames: ["limits"]),
        T("", "v1", "Namespace", "namespaces", ns: false, shortNames: ["ns"], status: true) with { Verbs = NoDeleteCollection },
        T("", "v1", "Node", "nodes", ns: false, shortNames: ["no"], status: true),
        T("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", ns: true, shortNames: ["pvc"], status: true),
        T("", "v1", "PersistentVolume", "persistentvolumes", ns: false, shortNames: ["pv"], status: true),
        T("", "v1", "Pod", "pods", ns: true, shortNames: ["po"], all: true, status: true),
        T("", "v1", "PodTemplate", "podtemplates", ns: true),
        T("", "v1", "ReplicationController", "replicationcontrollers", ns: true, shortNames: ["rc"], all: true, status: true, scale: ReplicasScale),
        T("", "v1", "ResourceQuota", "resourcequotas", ns: true, shortNames: ["quota"], status: true),
        T("", "v1", "Secret", "secrets", ns: true),
        T("", "v1", "ServiceAccount", "serviceaccounts", ns: true, shortNames: ["sa"]),
        T("", "v1", "Service", "services", ns: true, shortNames: ["svc"], all: true, status: true),

        // apps/v1
        T("apps", "v1", "ControllerRevision", "controllerrevisions", ns: true),
        T("apps", "v1", "DaemonSet", "daemonsets", ns: true, shortNames: ["ds"], all: true, status: true),
        T("apps", "v1", "Deployment", "deployments", ns: true, shortNames: ["deploy"], all: true, status: true, scale: ReplicasScale),
        T("apps", "v1", "ReplicaSet", "replicasets", ns: true, shortNames: ["rs"], all: true, status: true, scale: ReplicasScale),
        T("apps", "v1", "StatefulSet", "statefulsets", ns: true, shortNames: ["sts"], all: true, status: true, scale: ReplicasScale),

        T("events.k8s.io", "v1", "Event", "events", ns: true, shortNames: ["ev"]),

        // Reviews are answered, never stored: a Keelson token is cluster-admin.
        T("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", ns: false) with { Verbs = CreateOnly },
        T("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", ns: false) with { Verbs = CreateOnly },
        T("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", ns: true) with { Verbs = CreateOnly },
        T("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", ns: false) with { Verbs = CreateOnly },
        T("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", ns: false) with { Verbs = CreateOnly },
        T("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", ns: false) with { Verbs = CreateOnly },

        T("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ns: true, shortNames: ["hpa"], all: true, status: true),
        T("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ns: true, shortNames: ["hpa"], all: true, status: true),

        T("batch", "v1", "CronJob", "cronjobs", ns: true, shortNames: ["cj"], all: true, status: true),
        T("batch", "v1", "Job", "jobs", ns: true, all: true, status: true),

        T("networking.k8s.io", "v1", "IngressClass", "ingressclasses", ns: false),
        T("networking.k8s.io", "v1", "Ingress", "ingresses", ns: true, shortNames: ["ing"], status: true),
        T("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", ns: true, shortNames: ["netpol"]),

        T("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", ns: true, shortNames: ["pdb"], status: true),

        T("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", ns: false),
        T("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", ns: false),
        T("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", ns: true),
        T("rbac.authorization.k8s.io", "v1", "Role", "roles", ns: true),

        T("storage.k8s.io", "v1", "StorageClass", "storageclasses", ns: false, shortNames: ["sc"]),

        T("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", ns: false, shortNames: ["crd", "crds"], status: true),

        T("coordination.k8s.io", "v1", "Lease", "leases", ns: true),

        T("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", ns: false, shortNames: ["pc"]),

        T("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", ns: true),

        // Computed on request from the simulation (Metrics.SimulatedMetrics), never stored: see Api.MetricsApi.
        T("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", ns: false, singular: "") with { Verbs = ReadOnly },
        T("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", ns: true, singular: "") with { Verbs = ReadOnly },
    ]);

    private static ResourceType T(
        string group, string version, string kind, string plural, bool ns,
        string[]? shortNames = null, bool all = false, bool status = false, ScaleSubresource? scale = null, string? singular = null) =>
        new(group, version, kind, plural, singular ?? kind.ToLowerInvariant(), ns, shortNames ?? [], all ? ["all"] : [], status, scale);

    private static List<ResourceType> Order(IEnumerable<ResourceType> types)
    {
        var index = GroupVersions.Select((gv, i) => (gv, i)).ToDictionary(p => p.gv, p => p.i);
        return types.OrderBy(t => index[new GroupVersion(t.Group, t.Version)])
            .ThenBy(t => t.Plural, StringComparer.Ordinal)
            .ToList();
    }
}
