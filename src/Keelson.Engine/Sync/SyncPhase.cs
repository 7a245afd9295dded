namespace Keelson.Engine.Sync;

/// <summary>The phases of a sync, in the order they run (SyncFail only when an earlier phase failed).</summary>
public enum SyncPhase { PreSync, Sync, PostSync, SyncFail }
