using Microsoft.Data.Sqlite;

namespace Keelson.Cluster.Storage;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Revision 0, or any revision at or past <see cref="CurrentRevision"/>, is answered from memory. An older
    /// revision queries SQLite and throws <see cref="RevisionCompactedException"/> when it is at or below
    /// <see cref="CompactedRevision"/>.
    /// </remarks>
    public StoredEntry? Get(string key, long revision = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        lock (_indexLock)
        {
            if (revision == 0 || revision >= _currentRevision)
                return _live.GetValueOrDefault(key);
        }

        return ReadAt(revision, (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                SELECT id, deleted, create_revision, value FROM kine
                WHERE name = $name AND id <= $revision
                ORDER BY id DESC LIMIT 1
                """;
            command.Parameters.AddWithValue("$name", key);
            command.Parameters.AddWithValue("$revision", revision);
            using var reader = command.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(1) != 0)
                return null;
            return new StoredEntry(key, ReadBlob(reader, 3), reader.GetInt64(2), reader.GetInt64(0));
        });
    }

    /// <inheritdoc />
    /// <remarks>
    /// A list at a revision past <see cref="CurrentRevision"/> is answered at <see cref="CurrentRevision"/> and says so
    /// in <see cref="StoreList.Revision"/>. Keys are ordered ordinally.
    /// </remarks>
    public StoreList List(string prefix, long revision = 0)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        lock (_indexLock)
        {
            if (revision == 0 || revision >= _currentRevision)
                return new StoreList(ListLive(prefix), _currentRevision);
        }

        var items = ReadAt(revision, (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var upper = KeyPrefix.UpperBound(prefix);
            command.CommandText = $"""
                SELECT k.id, k.name, k.create_revision, k.value
                FROM kine AS k
                JOIN (SELECT MAX(id) AS id FROM kine
                      WHERE id <= $revision AND name >= $prefix {(upper is null ? "" : "AND name < $upper")}
                      GROUP BY name) AS latest ON k.id = latest.id
                WHERE k.deleted = 0
                """;
            command.Parameters.AddWithValue("$revision", revision);
            command.Parameters.AddWithValue("$prefix", prefix);
            if (upper is not null)
                command.Parameters.AddWithValue("$upper", upper);
            var entries = new List<StoredEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetString(1);
                if (KeyPrefix.Matches(key, prefix))
                    entries.Add(new StoredEntry(key, ReadBlob(reader, 3), reader.GetInt64(2), reader.GetInt64(0)));
            }
            entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return entries;
        });
        return new StoreList(items, revision);
    }

    /// <summary>The live entries under <paramref name="prefix"/> in key order; the caller holds <see cref="_indexLock"/>.</summary>
    private StoredEntry[] ListLive(string prefix)
    {
        IEnumerable<string> keys = _liveKeys;
        if (prefix.Length > 0 && _liveKeys.Count > 0)
        {
            var upper = KeyPrefix.UpperBound(prefix);
            var max = _liveKeys.Max!;
            if (string.CompareOrdinal(prefix, max) > 0)
                return [];
            keys = _liveKeys.GetViewBetween(prefix, upper is not null && string.CompareOrdinal(upper, max) < 0 ? upper : max);
        }

        var items = new List<StoredEntry>();
        foreach (var key in keys)
        {
            if (KeyPrefix.Matches(key, prefix))
                items.Add(_live[key]);
        }
        return [.. items];
    }

    /// <summary>
    /// Runs <paramref name="query"/> in one read transaction, after checking — in the same snapshot — that
    /// <paramref name="revision"/> has not been compacted, so a concurrent compaction cannot remove rows mid-read.
    /// </summary>
    private T ReadAt<T>(long revision, Func<SqliteConnection, SqliteTransaction, T> query)
    {
        ThrowIfCompacted(revision, CompactedRevision);
        return ReadDatabase((connection, transaction) =>
        {
            ThrowIfCompacted(revision, ScalarInt64(connection, transaction, "SELECT revision FROM kine_compaction WHERE id = 1"));
            return query(connection, transaction);
        });
    }

    /// <summary>Runs <paramref name="read"/> in a read transaction: on a pooled connection for a file, on the shared one in memory.</summary>
    private T ReadDatabase<T>(Func<SqliteConnection, SqliteTransaction, T> read)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (_readConnectionString is null)
        {
            lock (_connectionGate)
            {
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                using var shared = _writeConnection.BeginTransaction(deferred: true);
                return read(_writeConnection, shared);
            }
        }

        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return read(connection, transaction);
    }

    private static void ThrowIfCompacted(long revision, long compacted)
    {
        if (revision <= compacted)
            throw new RevisionCompactedException(revision, compacted);
    }
}
