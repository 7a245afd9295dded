using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>One served resource: its names, scope, verbs and subresources, as discovery describes it.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    ScaleSubresource? Scale,
    bool IsCustom = false)
{
    /// <summary>The kind of lists of this resource: the CRD's names.listKind when given, else Kind + "List".</summary>
    public string ListKind => ListKindName ?? Kind + "List";

    /// <summary>An explicit list kind (CRDs may name one); null means Kind + "List".</summary>
    public string? ListKindName { get; init; }

    public GroupVersionKind Gvk => new(Group, Version, Kind);

    public GroupVersionResource Gvr => new(Group, Version, Plural);

    public string ApiVersion => Gvk.ApiVersion;

    /// <summary>The verbs discovery lists for the main resource.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>For custom resources: the CRD's structural schema of this version (openAPIV3Schema), used to validate and default.</summary>
    public System.Text.Json.Nodes.JsonObject? Schema { get; init; }

    /// <summary>For custom resources: additionalPrinterColumns of this version.</summary>
    public System.Text.Json.Nodes.JsonArray? PrinterColumns { get; init; }

    /// <summary>"deployments.apps", or "pods" for the core group, as Kubernetes names resources in messages.</summary>
    public string GroupResource => Gvr.GroupResource;

    /// <summary>One type per served version of a CustomResourceDefinition; see <see cref="CrdTypes.FromCrd"/>.</summary>
    public static IReadOnlyList<ResourceType> FromCrd(System.Text.Json.Nodes.JsonObject crd, out IReadOnlyList<FieldError> errors) =>
        CrdTypes.FromCrd(crd, out errors);
}
