using System.Text;
using Keelson.Cluster.Storage;

namespace Keelson.Cluster.Tests.Storage;

/// <summary>A store under test: in memory, or a file in its own temporary directory that is removed afterwards.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(SqliteStore store, string? directory)
    {
        Store = store;
        Directory = directory;
    }

    public SqliteStore Store { get; private set; }

    /// <summary>The temporary directory of a file store; null in memory.</summary>
    public string? Directory { get; }

    public string? DatabasePath => Directory is null ? null : System.IO.Path.Combine(Directory, "store.db");

    public static IEnumerable<object[]> Kinds => [["memory"], ["file"]];

    public static TestStore Open(string kind, SqliteStoreOptions? options = null)
    {
        if (kind == "memory")
            return new TestStore(SqliteStore.OpenInMemory(options), null);
        var directory = NewDirectory();
        return new TestStore(SqliteStore.Open(System.IO.Path.Combine(directory, "store.db"), options), directory);
    }

    public static string NewDirectory()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "keelson-store-" + Guid.NewGuid().ToString("n"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Closes the store cleanly and opens the same file again.</summary>
    public async Task ReopenAsync(SqliteStoreOptions? options = null)
    {
        await Store.DisposeAsync();
        Store = SqliteStore.Open(DatabasePath ?? throw new InvalidOperationException("an in-memory store cannot be reopened"), options);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (Directory is not null)
            System.IO.Directory.Delete(Directory, recursive: true);
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(StoredEntry? entry) =>
        entry is null ? "<absent>" : Encoding.UTF8.GetString(entry.Value.Span);
}
