namespace Keelson.Cluster.Storage;

/// <summary>Create of a key that is live.</summary>
public sealed class KeyExistsException(string key) : Exception($"key {key} already exists")
{
    public string Key => key;
}

/// <summary>A conditional write whose expected revision is stale; <see cref="Current"/> is the live entry.</summary>
public sealed class RevisionConflictException(string key, StoredEntry? current)
    : Exception($"key {key} was modified (now at revision {current?.ModRevision})")
{
    public string Key => key;

    public StoredEntry? Current => current;
}

/// <summary>A read or watch from a revision that compaction removed (the API answers 410 Expired).</summary>
public sealed class RevisionCompactedException(long requested, long compacted)
    : Exception($"required revision {requested} has been compacted (oldest available {compacted + 1})")
{
    public long Requested => requested;

    public long Compacted => compacted;
}

/// <summary>A watcher that fell too far behind the log and was dropped.</summary>
public sealed class WatchOverflowException() : Exception("watcher fell too far behind and was closed");
