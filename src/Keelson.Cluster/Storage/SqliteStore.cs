using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Keelson.Cluster.Storage;

/// <summary>
/// The revisioned key-value log in SQLite, laid out as kine lays out etcd's data: one row per write in table
/// <c>kine</c>, the row id being the global revision, a delete being a row with <c>deleted = 1</c>.
/// </summary>
/// <remarks>
/// <para>Writes go through one writer thread that drains a queue and commits each batch in one transaction
/// (group commit, WAL with <c>synchronous=FULL</c>): an awaited write is durable. Each write in a batch is checked on
/// its own against the in-memory head of its key, so a conflict fails only that write.</para>
/// <para>Reads at the latest revision are served from an in-memory index of live entries that the writer updates
/// after each commit; reads at an older revision query SQLite.</para>
/// <para>Watches replay the log from SQLite and then switch to the live events the writer publishes after each
/// commit, with neither gap nor duplicate. The writer never waits for a watcher: one that falls
/// <see cref="SqliteStoreOptions.WatchBufferLimit"/> events behind is closed with <see cref="WatchOverflowException"/>.</para>
/// </remarks>
public sealed partial class SqliteStore : IRevisionedStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS kine (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            value BLOB,
            old_value BLOB);
        CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision ON kine (name, prev_revision);
        CREATE INDEX IF NOT EXISTS kine_name ON kine (name);
        CREATE TABLE IF NOT EXISTS kine_compaction (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL);
        INSERT OR IGNORE INTO kine_compaction (id, revision) VALUES (1, 0);
        """;

    private readonly SqliteStoreOptions _options;

    /// <summary>The writer's connection; for an in-memory store also the only connection, shared under <see cref="_connectionGate"/>.</summary>
    private readonly SqliteConnection _writeConnection;

    /// <summary>Pooled connections for reads of a file database; null for an in-memory store.</summary>
    private readonly string? _readConnectionString;

    /// <summary>This process's hold on a file database; null for an in-memory store.</summary>
    private readonly DataDirectoryLock? _fileLock;

    private readonly Lock _connectionGate = new();

    /// <summary>Guards <see cref="_live"/>, <see cref="_liveKeys"/> and <see cref="_currentRevision"/> so a list sees one revision.</summary>
    private readonly Lock _indexLock = new();
    private readonly Dictionary<string, StoredEntry> _live = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _liveKeys = new(StringComparer.Ordinal);
    private long _currentRevision;
    private long _compactedRevision;

    /// <summary>Every key's newest row, deletes included; read and written by the writer thread only.</summary>
    private readonly Dictionary<string, KeyHead> _heads = new(StringComparer.Ordinal);

    private readonly Channel<StoreCommand> _commands =
        Channel.CreateUnbounded<StoreCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Lock _watchersLock = new();
    private StoreWatch[] _watchers = [];

    private readonly CancellationTokenSource _shutdown = new();
    private Task? _compactor;
    private int _disposed;

    private SqliteStore(SqliteConnection writeConnection, string? readConnectionString, SqliteStoreOptions options, DataDirectoryLock? fileLock = null)
    {
        _fileLock = fileLock;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WatchBufferLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReplayPageSize, 1);
        _options = options;
        _writeConnection = writeConnection;
        _readConnectionString = readConnectionString;
        LoadState();
        _writer = new Thread(RunWriter) { IsBackground = true, Name = "keelson-store-writer" };
        _writer.Start();
    }

    /// <summary>
    /// Opens (creating if needed) the database file at <paramref name="path"/> and rebuilds the in-memory index from it.
    /// Only one process at a time may have a database open: the store holds <c>PATH.lock</c> until it is disposed.
    /// </summary>
    /// <exception cref="DataDirectoryInUseException">Another process has the database open.</exception>
    public static SqliteStore Open(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteStoreOptions();
        var fileLock = DataDirectoryLock.Acquire(Path.GetFullPath(path) + ".lock", options.Owner);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Execute(connection, Schema);
            builder.Mode = SqliteOpenMode.ReadWrite;
            builder.Pooling = true;
            return new SqliteStore(connection, builder.ToString(), options, fileLock);
        }
        catch
        {
            connection.Dispose();
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>Opens an empty store held in memory on one private connection; its contents end with it.</summary>
    public static SqliteStore OpenInMemory(SqliteStoreOptions? options = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            Execute(connection, Schema);
            return new SqliteStore(connection, readConnectionString: null, options ?? new SqliteStoreOptions());
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public long CurrentRevision => Volatile.Read(ref _currentRevision);

    /// <inheritdoc />
    public long CompactedRevision => Volatile.Read(ref _compactedRevision);

    /// <summary>Stops the compactor, lets the writer commit every queued write, completes all watches and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _shutdown.CancelAsync().ConfigureAwait(false);
        if (_compactor is { } compactor)
            await compactor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        _commands.Writer.TryComplete();
        await _writerStopped.Task.ConfigureAwait(false);

        StoreWatch[] watchers;
        lock (_watchersLock)
        {
            watchers = _watchers;
            _watchers = [];
        }
        foreach (var watch in watchers)
            watch.Close(error: null);

        lock (_connectionGate)
            _writeConnection.Dispose();
        if (_readConnectionString is not null)
        {
            using var pooled = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        // Last: the next opener may start as soon as the lock is free.
        _fileLock?.Dispose();
        _shutdown.Dispose();
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Rebuilds heads, the live index and both revisions from the database.</summary>
    private void LoadState()
    {
        using (var command = _writeConnection.CreateCommand())
        {
            command.CommandText = """
                SELECT k.id, k.name, k.deleted, k.create_revision, k.value
                FROM kine AS k
                JOIN (SELECT MAX(id) AS id FROM kine GROUP BY name) AS latest ON k.id = latest.id
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var revision = reader.GetInt64(0);
                var key = reader.GetString(1);
                StoredEntry? live = null;
                if (reader.GetInt64(2) == 0)
                {
                    live = new StoredEntry(key, ReadBlob(reader, 4), reader.GetInt64(3), revision);
                    _live[key] = live;
                    _liveKeys.Add(key);
                }
                _heads[key] = new KeyHead(revision, live);
            }
        }

        _compactedRevision = ScalarInt64(_writeConnection, null, "SELECT revision FROM kine_compaction WHERE id = 1");
        // The newest row may have been compacted away (a delete); AUTOINCREMENT's sequence still remembers its id.
        _currentRevision = Math.Max(
            _compactedRevision,
            ScalarInt64(_writeConnection, null,
                "SELECT MAX(COALESCE((SELECT MAX(id) FROM kine), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'kine'), 0))"));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long ScalarInt64(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private static byte[] ReadBlob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);
}
