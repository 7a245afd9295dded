namespace Keelson.Engine.Model;

/// <summary>An Application's status, written in Argo CD's shape so its tools and dashboards read it.</summary>
public sealed record ApplicationStatus
{
    public SyncStatus? Sync { get; init; }

    public AppHealthStatus? Health { get; init; }

    public OperationState? OperationState { get; init; }

    public List<ResourceStatus>? Resources { get; init; }

    public List<ApplicationCondition>? Conditions { get; init; }

    public List<RevisionHistory>? History { get; init; }

    public string? ReconciledAt { get; init; }

    public string? ObservedAt { get; init; }

    public string? SourceType { get; init; }

    public ApplicationSummary? Summary { get; init; }

    /// <summary>Keelson's own bookkeeping (Argo CD keeps the same facts in its controller's memory).</summary>
    public string? AutoSyncedRevision { get; init; }
}

public sealed record SyncStatus
{
    public string Status { get; init; } = "Unknown";

    public ComparedTo? ComparedTo { get; init; }

    public string? Revision { get; init; }
}

public sealed record ComparedTo
{
    public ApplicationSource? Source { get; init; }

    public ApplicationDestination? Destination { get; init; }

    public List<IgnoreDifferenceSpec>? IgnoreDifferences { get; init; }
}

public sealed record AppHealthStatus
{
    public string Status { get; init; } = "Unknown";

    public string? Message { get; init; }

    public string? LastTransitionTime { get; init; }
}

public sealed record OperationState
{
    public Operation? Operation { get; init; }

    public string Phase { get; init; } = "Running";

    public string? Message { get; init; }

    public SyncOperationResult? SyncResult { get; init; }

    public string? StartedAt { get; init; }

    public string? FinishedAt { get; init; }

    public long? RetryCount { get; init; }
}

public sealed record SyncOperationResult
{
    public List<ResourceResult> Resources { get; init; } = [];

    public string? Revision { get; init; }

    public ApplicationSource? Source { get; init; }
}

public sealed record ResourceResult
{
    public string Group { get; init; } = "";

    public string Version { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Synced | SyncFailed | Pruned | PruneSkipped.</summary>
    public string? Status { get; init; }

    public string? Message { get; init; }

    public string? HookType { get; init; }

    /// <summary>Running | Succeeded | Failed | Error | Terminating.</summary>
    public string? HookPhase { get; init; }

    /// <summary>PreSync | Sync | PostSync | SyncFail.</summary>
    public string? SyncPhase { get; init; }
}

public sealed record ResourceStatus
{
    public string Group { get; init; } = "";

    public string Version { get; init; } = "";

    public string Kind { get; init; } = "";

    public string? Namespace { get; init; }

    public string Name { get; init; } = "";

    public string? Status { get; init; }

    public AppHealthStatus? Health { get; init; }

    public bool? Hook { get; init; }

    public bool? RequiresPruning { get; init; }

    public int? SyncWave { get; init; }
}

public sealed record ApplicationCondition
{
    public string Type { get; init; } = "";

    public string Message { get; init; } = "";

    public string? LastTransitionTime { get; init; }
}

public sealed record RevisionHistory
{
    public long Id { get; init; }

    public string Revision { get; init; } = "";

    public ApplicationSource? Source { get; init; }

    public string? DeployedAt { get; init; }

    public string? DeployStartedAt { get; init; }

    public OperationInitiator? InitiatedBy { get; init; }
}

public sealed record ApplicationSummary
{
    public List<string>? Images { get; init; }

    public List<string>? ExternalURLs { get; init; }
}
