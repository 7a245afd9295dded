using System.Text.Json.Nodes;

namespace Keelson.Engine.Model;

/// <summary>An Argo CD AppProject's spec: what its Applications may deploy, from where, to where.</summary>
public sealed record AppProjectSpec
{
    public List<string>? SourceRepos { get; init; }

    public List<ApplicationDestination>? Destinations { get; init; }

    public List<GroupKindPattern>? ClusterResourceWhitelist { get; init; }

    public List<GroupKindPattern>? ClusterResourceBlacklist { get; init; }

    public List<GroupKindPattern>? NamespaceResourceWhitelist { get; init; }

    public List<GroupKindPattern>? NamespaceResourceBlacklist { get; init; }

    public List<string>? SourceNamespaces { get; init; }

    public JsonArray? Roles { get; init; }

    public JsonArray? SyncWindows { get; init; }

    public string? Description { get; init; }
}

public sealed record GroupKindPattern
{
    public string? Group { get; init; }

    public string Kind { get; init; } = "";
}
