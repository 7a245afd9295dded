namespace Keelson.Engine.Customizations;

/// <summary>
/// argocd-cm's <c>resource.compareoptions</c>, with Argo CD's defaults: status left out of the comparison of every
/// kind, aggregated ClusterRoles compared as any other, and the ignoreDifferences rules also ignored when deciding
/// whether a change to an object is worth a reconcile.
/// </summary>
public sealed record CompareOptions
{
    public const string Key = "resource.compareoptions";

    public static CompareOptions Default { get; } = new();

    public bool IgnoreAggregatedRoles { get; init; }

    /// <summary><c>all</c> (the default), <c>crd</c> (only CustomResourceDefinitions), or <c>none</c>; anything else counts as all.</summary>
    public string IgnoreResourceStatusField { get; init; } = "all";

    public bool IgnoreDifferencesOnResourceUpdates { get; init; } = true;

    /// <summary>The override key whose status is left out (<c>*/*</c>, the CRD kind), or null for none.</summary>
    public string? StatusIgnoredFor => IgnoreResourceStatusField switch
    {
        "none" or "off" or "false" => null,
        "crd" => "apiextensions.k8s.io/CustomResourceDefinition",
        _ => "*/*",
    };
}
