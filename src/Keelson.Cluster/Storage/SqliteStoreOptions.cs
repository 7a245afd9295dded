namespace Keelson.Cluster.Storage;

/// <summary>Tuning for <see cref="SqliteStore"/>; the defaults suit the embedded API server.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>How many events a watcher may fall behind before it is closed with <see cref="WatchOverflowException"/>.</summary>
    public int WatchBufferLimit { get; init; } = 10_000;

    /// <summary>The most writes committed in one transaction (group commit).</summary>
    public int MaxBatchSize { get; init; } = 1_000;

    /// <summary>How many log rows a watch reads per query while replaying history.</summary>
    public int ReplayPageSize { get; init; } = 1_000;

    /// <summary>Who holds a file database open, as the error for a second opener names it (e.g. "keelson up").</summary>
    public string Owner { get; init; } = "keelson";
}
