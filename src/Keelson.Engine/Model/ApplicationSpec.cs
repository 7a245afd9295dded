using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Keelson.Engine.Model;

/// <summary>The spec of an Argo CD Application (<c>argoproj.io/v1alpha1</c>), the fields Keelson acts on.</summary>
public sealed record ApplicationSpec
{
    public ApplicationSource? Source { get; init; }

    public List<ApplicationSource>? Sources { get; init; }

    public ApplicationDestination Destination { get; init; } = new();

    public string? Project { get; init; }

    public SyncPolicy? SyncPolicy { get; init; }

    public List<IgnoreDifferenceSpec>? IgnoreDifferences { get; init; }

    public int? RevisionHistoryLimit { get; init; }

    public JsonArray? Info { get; init; }

    [JsonIgnore]
    public string ProjectName => string.IsNullOrEmpty(Project) ? "default" : Project;
}

public sealed record ApplicationSource
{
    [JsonPropertyName("repoURL")]
    public string RepoUrl { get; init; } = "";

    public string? Path { get; init; }

    public string? TargetRevision { get; init; }

    public string? Chart { get; init; }

    public string? Ref { get; init; }

    public JsonObject? Helm { get; init; }

    public JsonObject? Plugin { get; init; }

    public KustomizeOptions? Kustomize { get; init; }

    public DirectoryOptions? Directory { get; init; }
}

public sealed record KustomizeOptions
{
    public string? NamePrefix { get; init; }

    public string? NameSuffix { get; init; }

    public List<string>? Images { get; init; }

    public Dictionary<string, string>? CommonLabels { get; init; }

    public Dictionary<string, string>? CommonAnnotations { get; init; }

    public bool ForceCommonLabels { get; init; }

    public bool ForceCommonAnnotations { get; init; }

    public string? Namespace { get; init; }

    public List<KustomizeReplica>? Replicas { get; init; }

    public JsonArray? Patches { get; init; }

    public List<string>? Components { get; init; }

    public bool LabelWithoutSelector { get; init; }

    public bool LabelIncludeTemplates { get; init; }
}

public sealed record KustomizeReplica(string Name, JsonNode Count);

public sealed record DirectoryOptions
{
    public bool Recurse { get; init; }

    public string? Include { get; init; }

    public string? Exclude { get; init; }

    public JsonObject? Jsonnet { get; init; }
}

public sealed record ApplicationDestination
{
    public string? Server { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}

public sealed record SyncPolicy
{
    public AutomatedSyncPolicy? Automated { get; init; }

    public List<string>? SyncOptions { get; init; }

    public RetryStrategy? Retry { get; init; }

    public JsonObject? ManagedNamespaceMetadata { get; init; }
}

public sealed record AutomatedSyncPolicy
{
    public bool Prune { get; init; }

    public bool SelfHeal { get; init; }

    public bool AllowEmpty { get; init; }

    /// <summary>Argo CD 3.x: <c>enabled: false</c> turns automation off while keeping its settings.</summary>
    public bool? Enabled { get; init; }
}

public sealed record RetryStrategy
{
    public long? Limit { get; init; }

    public RetryBackoff? Backoff { get; init; }
}

public sealed record RetryBackoff
{
    public string? Duration { get; init; }

    public long? Factor { get; init; }

    public string? MaxDuration { get; init; }
}

public sealed record IgnoreDifferenceSpec
{
    public string? Group { get; init; }

    public string Kind { get; init; } = "";

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public List<string>? JsonPointers { get; init; }

    public List<string>? JqPathExpressions { get; init; }

    public List<string>? ManagedFieldsManagers { get; init; }
}
