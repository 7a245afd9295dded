using Microsoft.Data.Sqlite;

namespace Keelson.Cluster.Storage;

public sealed partial class SqliteStore
{
    private const string InsertRow = """
        INSERT INTO kine (id, name, created, deleted, create_revision, prev_revision, value, old_value)
        VALUES ($id, $name, $created, $deleted, $create_revision, $prev_revision, $value, $old_value)
        """;

    /// <inheritdoc />
    public ValueTask<StoredEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Enqueue(new WriteCommand(WriteKind.Create, key, value.ToArray(), 0, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<StoredEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Enqueue(new WriteCommand(WriteKind.Update, key, value.ToArray(), expectedModRevision, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<StoredEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Enqueue(new WriteCommand(WriteKind.Delete, key, null, expectedModRevision, cancellationToken));
    }

    /// <summary>
    /// Queues a write. Cancellation is honoured only while the write waits in the queue; once the writer has
    /// taken it, it completes with its committed outcome.
    /// </summary>
    private ValueTask<StoredEntry> Enqueue(WriteCommand write)
    {
        if (write.CancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<StoredEntry>(write.CancellationToken);
        if (!_commands.Writer.TryWrite(write))
            return ValueTask.FromException<StoredEntry>(new ObjectDisposedException(nameof(SqliteStore)));
        return new ValueTask<StoredEntry>(write.Completion.Task);
    }

    /// <summary>The writer thread: drains the queue into batches, one transaction each, until the store is disposed.</summary>
    private void RunWriter()
    {
        var reader = _commands.Reader;
        var batch = new List<WriteCommand>(_options.MaxBatchSize);
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var command))
                {
                    if (command is WriteCommand write)
                    {
                        batch.Add(write);
                        if (batch.Count < _options.MaxBatchSize)
                            continue;
                    }
                    if (batch.Count > 0)
                        CommitBatch(batch);
                    if (command is CompactCommand compact)
                        RunCompaction(compact);
                }
                if (batch.Count > 0)
                    CommitBatch(batch);
            }
        }
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    /// <summary>Applies and commits <paramref name="batch"/>, then updates the index, publishes events and completes the callers; empties the list.</summary>
    private void CommitBatch(List<WriteCommand> batch)
    {
        try
        {
            if (!TryCommit(batch) && batch.Count > 1)
            {
                // The database refused the batch as a whole (not a conflict: those are checked in memory). Retry each
                // write alone so only the write that cannot be stored fails.
                foreach (var write in batch)
                    TryCommit([write]);
            }
        }
        catch (Exception ex)
        {
            // A bug, not a database refusal: fail the callers rather than the writer thread, which must keep serving.
            foreach (var write in batch)
                write.Completion.TrySetException(ex);
        }
        finally
        {
            batch.Clear();
        }
    }

    /// <summary>
    /// One transaction for <paramref name="batch"/>. Returns false when the database failed it, after failing the
    /// callers if the batch was a single write; on success every caller is completed.
    /// </summary>
    private bool TryCommit(List<WriteCommand> batch)
    {
        var outcomes = new (StoredEntry? Entry, Exception? Error)[batch.Count];
        var staged = new Dictionary<string, KeyHead>(StringComparer.Ordinal);
        var events = new List<StoreEvent>(batch.Count);
        var revision = _currentRevision;
        try
        {
            lock (_connectionGate)
            {
                using var transaction = _writeConnection.BeginTransaction();
                using var insert = _writeConnection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = InsertRow;
                var id = insert.Parameters.Add("$id", SqliteType.Integer);
                var name = insert.Parameters.Add("$name", SqliteType.Text);
                var created = insert.Parameters.Add("$created", SqliteType.Integer);
                var deleted = insert.Parameters.Add("$deleted", SqliteType.Integer);
                var createRevision = insert.Parameters.Add("$create_revision", SqliteType.Integer);
                var prevRevision = insert.Parameters.Add("$prev_revision", SqliteType.Integer);
                var value = insert.Parameters.Add("$value", SqliteType.Blob);
                var oldValue = insert.Parameters.Add("$old_value", SqliteType.Blob);

                for (var i = 0; i < batch.Count; i++)
                {
                    var write = batch[i];
                    if (write.CancellationToken.IsCancellationRequested)
                    {
                        outcomes[i] = (null, new OperationCanceledException(write.CancellationToken));
                        continue;
                    }

                    var head = staged.TryGetValue(write.Key, out var pending) ? pending : _heads.GetValueOrDefault(write.Key);
                    var current = head.Live;
                    var error = Check(write, current);
                    if (error is not null)
                    {
                        outcomes[i] = (null, error);
                        continue;
                    }

                    var next = revision + 1;
                    StoreEvent change = write.Kind switch
                    {
                        WriteKind.Create => new StoreEvent(StoreEventType.Created, new StoredEntry(write.Key, write.Value, next, next), null),
                        WriteKind.Update => new StoreEvent(StoreEventType.Updated, new StoredEntry(write.Key, write.Value, current!.CreateRevision, next), current),
                        _ => new StoreEvent(StoreEventType.Deleted, current! with { ModRevision = next }, current),
                    };

                    id.Value = next;
                    name.Value = write.Key;
                    created.Value = write.Kind == WriteKind.Create ? 1 : 0;
                    deleted.Value = write.Kind == WriteKind.Delete ? 1 : 0;
                    createRevision.Value = change.Entry.CreateRevision;
                    prevRevision.Value = head.Revision;
                    value.Value = write.Value ?? BlobOf(current!);
                    oldValue.Value = current is null ? DBNull.Value : BlobOf(current);
                    insert.ExecuteNonQuery();

                    revision = next;
                    staged[write.Key] = new KeyHead(next, write.Kind == WriteKind.Delete ? null : change.Entry);
                    outcomes[i] = (change.Entry, null);
                    events.Add(change);
                }

                transaction.Commit();
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            if (batch.Count == 1)
                batch[0].Completion.TrySetException(ex);
            return false;
        }

        if (events.Count > 0)
            Publish(staged, revision, events);

        for (var i = 0; i < batch.Count; i++)
        {
            var (entry, error) = outcomes[i];
            if (error is OperationCanceledException canceled)
                batch[i].Completion.TrySetCanceled(canceled.CancellationToken);
            else if (error is not null)
                batch[i].Completion.TrySetException(error);
            else
                batch[i].Completion.TrySetResult(entry!);
        }
        return true;
    }

    /// <summary>The optimistic-concurrency check of one write against its key's live entry; null when it may proceed.</summary>
    private static Exception? Check(WriteCommand write, StoredEntry? current) => write.Kind switch
    {
        WriteKind.Create when current is not null => new KeyExistsException(write.Key),
        WriteKind.Create => null,
        _ when current is null => new KeyNotFoundException($"key {write.Key} not found"),
        _ when current.ModRevision != write.ExpectedModRevision => new RevisionConflictException(write.Key, current),
        _ => null,
    };

    /// <summary>Makes a committed batch visible: heads and the live index first (read-your-writes), then the watchers.</summary>
    private void Publish(Dictionary<string, KeyHead> staged, long revision, List<StoreEvent> events)
    {
        lock (_indexLock)
        {
            foreach (var (key, head) in staged)
            {
                _heads[key] = head;
                if (head.Live is { } live)
                {
                    _live[key] = live;
                    _liveKeys.Add(key);
                }
                else
                {
                    _live.Remove(key);
                    _liveKeys.Remove(key);
                }
            }
            Volatile.Write(ref _currentRevision, revision);
        }

        foreach (var watch in Volatile.Read(ref _watchers))
            watch.Publish(events);
    }

    private static byte[] BlobOf(StoredEntry entry) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(entry.Value, out var segment)
        && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : entry.Value.ToArray();
}
