namespace Keelson.Engine.Sync;

/// <summary>What a sync did to one object.</summary>
public enum SyncAction { Created, Configured, Unchanged, Pruned, PruneSkipped, Skipped, Failed, HookSucceeded, HookFailed }
