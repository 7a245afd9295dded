using Keelson.Kustomize;

namespace Keelson.Engine.Customizations;

/// <summary>
/// argocd-cm's <c>resource.exclusions</c> and <c>resource.inclusions</c> (AC: util/settings/resources_filter.go):
/// which kinds Argo CD leaves alone in which clusters. Events, metrics and Leases are always excluded; a kind that
/// matches an exclusion is excluded; else one that matches an inclusion is included; else, when inclusions name the
/// cluster, excluded. API groups and clusters are globs, kinds exact or <c>*</c>.
/// </summary>
public sealed record ResourceFilter
{
    private static readonly IReadOnlyList<FilteredResource> CoreExclusions =
    [
        new(["events.k8s.io", "metrics.k8s.io"], [], []),
        new([""], ["Event"], []),
        new(["coordination.k8s.io"], ["Lease"], []),
    ];

    public static ResourceFilter Default { get; } = new();

    public IReadOnlyList<FilteredResource> Exclusions { get; init; } = [];

    public IReadOnlyList<FilteredResource> Inclusions { get; init; } = [];

    /// <summary>Whether objects of the kind in the cluster (its server URL) are left alone.</summary>
    public bool IsExcluded(string group, string kind, string cluster)
    {
        if (CoreExclusions.Concat(Exclusions).Any(r => r.Matches(group, kind, cluster))) return true;
        if (Inclusions.Any(r => r.Matches(group, kind, cluster))) return false;
        return Inclusions.Any(r => r.MatchesCluster(cluster));
    }
}

/// <summary>One entry of <c>resource.exclusions</c> or <c>resource.inclusions</c>; an empty list matches everything.</summary>
public sealed record FilteredResource(IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Kinds, IReadOnlyList<string> Clusters)
{
    public bool Matches(string group, string kind, string cluster) =>
        (ApiGroups.Count == 0 || ApiGroups.Any(g => ArgoGlob.IsMatch(g, group)))
        && (Kinds.Count == 0 || Kinds.Any(k => k == "*" || k == kind))
        && MatchesCluster(cluster);

    public bool MatchesCluster(string cluster) => Clusters.Count == 0 || Clusters.Any(c => ArgoGlob.IsMatch(c, cluster));
}
