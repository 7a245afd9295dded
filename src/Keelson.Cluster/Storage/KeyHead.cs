namespace Keelson.Cluster.Storage;

/// <summary>
/// The newest log row of one key: its revision (the next write's prev_revision) and the live entry, or null when
/// that row is a delete. Owned by the writer thread.
/// </summary>
internal readonly record struct KeyHead(long Revision, StoredEntry? Live);
