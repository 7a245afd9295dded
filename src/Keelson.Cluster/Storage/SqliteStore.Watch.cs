namespace Keelson.Cluster.Storage;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Events of one key carry the full previous entry (<see cref="StoreEvent.Previous"/>) for updates and deletes,
    /// both live and replayed. Watching from <see cref="CurrentRevision"/> or later reads nothing from SQLite.
    /// </remarks>
    public IStoreWatch Watch(string prefix, long afterRevision)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        var compacted = CompactedRevision;
        if (afterRevision < compacted)
            throw new RevisionCompactedException(afterRevision + 1, compacted);

        var watch = new StoreWatch(prefix, afterRevision, _options.WatchBufferLimit, Detach);
        bool replay;
        // Registering under the index lock pins the split: every revision above the current one is published
        // to this watch after this point, every one at or below is in the database already.
        lock (_indexLock)
        {
            lock (_watchersLock)
            {
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                _watchers = [.. _watchers, watch];
            }
            replay = afterRevision < _currentRevision;
        }

        if (replay)
            _ = Task.Run(() => watch.ReplayAsync(ReadLogPage));
        else
            watch.GoLive();
        return watch;
    }

    private void Detach(StoreWatch watch)
    {
        lock (_watchersLock)
            _watchers = Array.FindAll(_watchers, w => !ReferenceEquals(w, watch));
    }

    /// <summary>Rows after <paramref name="afterRevision"/> under <paramref name="prefix"/> as events, checking compaction in the same snapshot.</summary>
    private LogPage ReadLogPage(string prefix, long afterRevision) => ReadDatabase((connection, transaction) =>
    {
        var compacted = ScalarInt64(connection, transaction, "SELECT revision FROM kine_compaction WHERE id = 1");
        if (afterRevision < compacted)
            throw new RevisionCompactedException(afterRevision + 1, compacted);

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var upper = KeyPrefix.UpperBound(prefix);
        command.CommandText = $"""
            SELECT id, name, created, deleted, create_revision, prev_revision, value, old_value FROM kine
            WHERE id > $after {(prefix.Length == 0 ? "" : "AND name >= $prefix")} {(upper is null ? "" : "AND name < $upper")}
            ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", afterRevision);
        command.Parameters.AddWithValue("$prefix", prefix);
        if (upper is not null)
            command.Parameters.AddWithValue("$upper", upper);
        command.Parameters.AddWithValue("$limit", _options.ReplayPageSize);

        var events = new List<StoreEvent>();
        var last = afterRevision;
        var rows = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows++;
            last = reader.GetInt64(0);
            var key = reader.GetString(1);
            if (!KeyPrefix.Matches(key, prefix))
                continue;
            var createRevision = reader.GetInt64(4);
            var value = ReadBlob(reader, 6);
            var previous = reader.GetInt64(2) != 0
                ? null
                : new StoredEntry(key, reader.IsDBNull(7) ? value : ReadBlob(reader, 7), createRevision, reader.GetInt64(5));
            var type = reader.GetInt64(3) != 0 ? StoreEventType.Deleted
                : previous is null ? StoreEventType.Created
                : StoreEventType.Updated;
            events.Add(new StoreEvent(type, new StoredEntry(key, value, createRevision, last), previous));
        }
        return new LogPage(events, last, rows == _options.ReplayPageSize);
    });
}
