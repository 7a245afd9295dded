namespace Keelson.Engine.Sync;

/// <summary>The order kinds are applied in within a wave (Argo CD's order: namespaces and config first, workloads later, custom resources last).</summary>
internal static class KindOrder
{
    private static readonly string[] Kinds =
    [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList",
        "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController",
        "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    ];

    private static readonly Dictionary<string, int> Index = Kinds.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);

    public static int Of(string kind) => Index.TryGetValue(kind, out var i) ? i : Kinds.Length;
}
