using System.Collections.Concurrent;
using Keelson.Git;

namespace Keelson.Engine.Reconcile;

/// <summary>What the controller remembers about one Application between reconciles (never persisted).</summary>
internal sealed class AppState
{
    /// <summary>The target revision last resolved, reused until the next refresh.</summary>
    public ResolvedRevision? Resolved { get; set; }

    public string? ResolvedTarget { get; set; }

    public DateTimeOffset NextRefresh { get; set; }

    public int SelfHealAttempts { get; set; }

    public DateTimeOffset NextSelfHeal { get; set; }

    /// <summary>Dry-run results by object: reused while neither the manifest nor the live object changed.</summary>
    public ConcurrentDictionary<ResourceId, DryRunResult> DryRuns { get; } = new();
}

/// <summary>
/// A comparison of one object, kept by fingerprints: the manifest's hash and the hash of the live object without
/// what changes on its own (status, resourceVersion, managedFields). While both match, the diff is the same.
/// </summary>
internal sealed record DryRunResult(string DesiredHash, string? LiveHash, bool Modified);
