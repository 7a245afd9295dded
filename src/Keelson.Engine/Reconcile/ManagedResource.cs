using System.Text.Json.Nodes;
using Keelson.Engine.Health;
using Keelson.Engine.Kube;
using Keelson.Engine.Sync;

namespace Keelson.Engine.Reconcile;

/// <summary>One object of an Application as compared: what Git wants, what runs, and how they differ.</summary>
public sealed class ManagedResource
{
    public required ResourceId Id { get; init; }

    /// <summary>The served type; null when the type is not served yet (a CRD created by the same sync).</summary>
    public ApiResource? Type { get; set; }

    public string Version { get; init; } = "";

    /// <summary>The manifest from Git with tracking metadata added; null for an object to prune.</summary>
    public JsonObject? Desired { get; init; }

    public JsonObject? Live { get; set; }

    /// <summary>What the server would store if <see cref="Desired"/> were applied (server-side apply dry-run).</summary>
    public JsonObject? Predicted { get; set; }

    public bool Modified { get; set; }

    public bool RequiresPruning { get; init; }

    public HealthResult? Health { get; set; }

    public SyncPhase? HookPhase { get; init; }

    public string? HookType => HookPhase?.ToString();

    public int Wave { get; init; }

    public SyncOptionSet Options { get; init; } = new(null);

    /// <summary>The object cannot be dry-run before the sync creates what it needs (its namespace or its CRD).</summary>
    public bool SkipDryRun { get; set; }

    public bool IsHook => HookPhase is not null;
}
