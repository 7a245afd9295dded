// Placeholder until the storage branch merges; deleted then.
namespace Keelson.Cluster.Storage;

public sealed class SqliteStore : IRevisionedStore
{
    public static SqliteStore Open(string path) => throw new NotImplementedException(path);
    public static SqliteStore OpenInMemory() => throw new NotImplementedException();
    public void StartCompactor(TimeSpan interval, long keep) => throw new NotImplementedException($"{interval}{keep}");
    public long CurrentRevision => throw new NotImplementedException();
    public long CompactedRevision => throw new NotImplementedException();
    public StoredEntry? Get(string key, long revision = 0) => throw new NotImplementedException();
    public StoreList List(string prefix, long revision = 0) => throw new NotImplementedException();
    public ValueTask<StoredEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public ValueTask<StoredEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public ValueTask<StoredEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public IStoreWatch Watch(string prefix, long afterRevision) => throw new NotImplementedException();
    public void Compact(long keepRevisions) => throw new NotImplementedException();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
