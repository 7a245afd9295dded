using System.Text.Json.Serialization;

namespace Keelson.Engine.Model;

/// <summary>The <c>operation</c> field of an Application: a sync someone (or automation) asked for.</summary>
public sealed record Operation
{
    public SyncOperation? Sync { get; init; }

    public OperationInitiator? InitiatedBy { get; init; }

    public RetryStrategy? Retry { get; init; }
}

public sealed record SyncOperation
{
    public string? Revision { get; init; }

    public bool Prune { get; init; }

    public bool DryRun { get; init; }

    public List<string>? SyncOptions { get; init; }

    public List<SyncOperationResource>? Resources { get; init; }

    public ApplicationSource? Source { get; init; }
}

public sealed record SyncOperationResource
{
    public string? Group { get; init; }

    public string Kind { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Namespace { get; init; }
}

public sealed record OperationInitiator
{
    public string? Username { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Automated { get; init; }
}
