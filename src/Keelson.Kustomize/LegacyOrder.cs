namespace Keelson.Kustomize;

/// <summary>kustomize's legacy output order: some kinds first, webhooks last, the rest by GVK string, then namespace and name.</summary>
internal static class LegacyOrder
{
    private static readonly string[] First =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    public static IEnumerable<Resource> Sort(IEnumerable<Resource> resources) =>
        resources.Select((r, i) => (r, i))
            .OrderBy(p => Rank(p.r.Kind))
            .ThenBy(p => Rank(p.r.Kind) == First.Length ? GvkString(p.r) : "", StringComparer.Ordinal)
            .ThenBy(p => p.r.Namespace.Length == 0 ? "~X" : p.r.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.r.Name, StringComparer.Ordinal)
            .ThenBy(p => p.i)
            .Select(p => p.r);

    private static int Rank(string kind)
    {
        var first = Array.IndexOf(First, kind);
        if (first >= 0) return first;
        var last = Array.IndexOf(Last, kind);
        return last >= 0 ? First.Length + 1 + last : First.Length;
    }

    private static string GvkString(Resource r)
    {
        var gvk = r.Gvk;
        return $"{(gvk.Group.Length == 0 ? "~G" : gvk.Group)}_{(gvk.Version.Length == 0 ? "~V" : gvk.Version)}_{gvk.Kind}";
    }
}
