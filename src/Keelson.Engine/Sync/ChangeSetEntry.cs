using Keelson.Engine.Reconcile;

namespace Keelson.Engine.Sync;

/// <summary>One object's outcome in a sync.</summary>
public sealed record ChangeSetEntry(ResourceId Id, string Version, SyncAction Action, string Message, SyncPhase Phase, int Wave, string? HookType = null);
