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
    public string ListKind => Kind + "List";

    public GroupVersionKind Gvk => new(Group, Version, Kind);

    public GroupVersionResource Gvr => new(Group, Version, Plural);

    public string ApiVersion => Gvk.ApiVersion;

    /// <summary>The verbs discovery lists for the main resource.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>For custom resources: the CRD's structural schema of this version (openAPIV3Schema), used to validate and default.</summary>
    public System.Text.Json.Nodes.JsonObject? Schema { get; init; }

    /// <summary>For custom resources: additionalPrinterColumns of this version.</summary>
    public System.Text.Json.Nodes.JsonArray? PrinterColumns { get; init; }

    /// <summary>The types a CustomResourceDefinition serves, one per served version; errors name the invalid fields.</summary>
    public static IReadOnlyList<ResourceType> FromCrd(System.Text.Json.Nodes.JsonObject crd, out IReadOnlyList<FieldError> errors) => throw new NotImplementedException();
}
