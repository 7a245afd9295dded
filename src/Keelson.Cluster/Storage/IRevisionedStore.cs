namespace Keelson.Cluster.Storage;

/// <summary>
/// A revisioned key-value log (as kine keeps etcd's data in SQL): every committed write gets the next
/// global revision, which the API layer exposes as resourceVersion. Values are opaque bytes; the store
/// never parses them. Reads at a revision see the latest value at or before it.
/// </summary>
public interface IRevisionedStore : IAsyncDisposable
{
    /// <summary>The revision of the last committed write (0 for an empty store).</summary>
    long CurrentRevision { get; }

    /// <summary>Revisions at or below this have been compacted: reads and watches from them fail with <see cref="RevisionCompactedException"/>.</summary>
    long CompactedRevision { get; }

    /// <summary>The live value of <paramref name="key"/> at <paramref name="revision"/> (0 = latest), or null when absent or deleted.</summary>
    StoredEntry? Get(string key, long revision = 0);

    /// <summary>Every live key starting with <paramref name="prefix"/> at <paramref name="revision"/> (0 = latest), ordered by key, with the revision read at.</summary>
    StoreList List(string prefix, long revision = 0);

    /// <summary>Creates a key; throws <see cref="KeyExistsException"/> when it is live. Completes once durable.</summary>
    ValueTask<StoredEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a key's value if its mod revision is still <paramref name="expectedModRevision"/>; throws
    /// <see cref="RevisionConflictException"/> otherwise and <see cref="KeyNotFoundException"/> when absent. Completes once durable.
    /// </summary>
    ValueTask<StoredEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key if its mod revision is still <paramref name="expectedModRevision"/>; returns the deleted entry with the delete's revision as <see cref="StoredEntry.ModRevision"/>.</summary>
    ValueTask<StoredEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams every change under <paramref name="prefix"/> with a revision greater than <paramref name="afterRevision"/>,
    /// in revision order, first from the log and then live. Throws <see cref="RevisionCompactedException"/> when
    /// <paramref name="afterRevision"/> is below <see cref="CompactedRevision"/>. Dispose the watch to stop it.
    /// </summary>
    IStoreWatch Watch(string prefix, long afterRevision);

    /// <summary>Removes superseded rows older than the newest <paramref name="keepRevisions"/> revisions.</summary>
    void Compact(long keepRevisions);
}
