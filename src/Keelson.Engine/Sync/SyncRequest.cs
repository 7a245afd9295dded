using Keelson.Engine.Model;
using Keelson.Engine.Reconcile;

namespace Keelson.Engine.Sync;

/// <summary>What to sync: the whole comparison, or a selection; with or without pruning; for real or as a dry run.</summary>
public sealed record SyncRequest
{
    public bool Prune { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Selective sync: only these objects, and no hooks (as Argo CD).</summary>
    public IReadOnlySet<ResourceId>? Only { get; init; }

    public SyncOptionSet Options { get; init; } = new(null);

    public required string DestinationNamespace { get; init; }

    public ManagedNamespaceMetadata? NamespaceMetadata { get; init; }
}

public sealed record ManagedNamespaceMetadata(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);
