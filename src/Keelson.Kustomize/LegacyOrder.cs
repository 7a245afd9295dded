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

    /// <summary>Sorts with kustomize's default kind lists, or with <paramref name="first"/>/<paramref name="last"/> from legacySortOptions.</summary>
    public static IEnumerable<Resource> Sort(IEnumerable<Resource> resources, IReadOnlyList<string>? first = null, IReadOnlyList<string>? last = null)
    {
        var firstKinds = first ?? First;
        var lastKinds = last ?? Last;
        int Rank(string kind)
        {
            var f = IndexOf(firstKinds, kind);
            if (f >= 0) return f;
            var l = IndexOf(lastKinds, kind);
            return l >= 0 ? firstKinds.Count + 1 + l : firstKinds.Count;
        }
        return resources.Select((r, i) => (r, i))
            .OrderBy(p => Rank(p.r.Kind))
            .ThenBy(p => Rank(p.r.Kind) == firstKinds.Count ? GvkString(p.r) : "", StringComparer.Ordinal)
            .ThenBy(p => p.r.Namespace.Length == 0 ? "~X" : p.r.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.r.Name, StringComparer.Ordinal)
            .ThenBy(p => p.i)
            .Select(p => p.r);
    }

    private static int IndexOf(IReadOnlyList<string> kinds, string kind)
    {
        for (var i = 0; i < kinds.Count; i++)
        {
            if (kinds[i] == kind) return i;
        }
        return -1;
    }

    private static string GvkString(Resource r)
    {
        var gvk = r.Gvk;
        return $"{(gvk.Group.Length == 0 ? "~G" : gvk.Group)}_{(gvk.Version.Length == 0 ? "~V" : gvk.Version)}_{gvk.Kind}";
    }
}
