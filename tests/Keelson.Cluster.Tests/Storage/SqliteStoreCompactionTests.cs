using Keelson.Cluster.Storage;
using Microsoft.Data.Sqlite;
using static Keelson.Cluster.Tests.Storage.TestStore;

namespace Keelson.Cluster.Tests.Storage;

public sealed class SqliteStoreCompactionTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Reads_and_watches_before_the_compacted_revision_fail_with_RevisionCompacted(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        await store.CreateAsync("/a", Bytes("v1"));                 // 1
        for (var r = 1; r < 10; r++)
            await store.UpdateAsync("/a", Bytes($"v{r + 1}"), r);   // 2..10
        await store.CreateAsync("/b", Bytes("b"));                  // 11

        store.Compact(keepRevisions: 4);                            // compacts at 7
        Assert.Equal(7, store.CompactedRevision);

        var get = Assert.Throws<RevisionCompactedException>(() => store.Get("/a", 5));
        Assert.Equal(5, get.Requested);
        Assert.Equal(7, get.Compacted);
        Assert.Throws<RevisionCompactedException>(() => store.Get("/a", 7));
        Assert.Throws<RevisionCompactedException>(() => store.List("/", 3));
        Assert.Throws<RevisionCompactedException>(() => store.Watch("/", 2));

        Assert.Equal("v8", Text(store.Get("/a", 8)));
        Assert.Equal("v10", Text(store.Get("/a", 10)));
        Assert.Equal("v10", Text(store.Get("/a")));
        Assert.Equal(["/a"], store.List("/", 10).Items.Select(e => e.Key));

        using var watch = store.Watch("/", 7);
        var events = await watch.TakeAsync(4);
        Assert.Equal([8L, 9, 10, 11], events.Select(e => e.Revision));
        Assert.Equal("v7", Text(events[0].Previous));
    }

    [Fact]
    public async Task Compaction_keeps_the_row_a_later_read_needs_and_removes_superseded_rows_and_old_deletes()
    {
        await using var test = Open("file");
        var store = test.Store;
        await store.CreateAsync("/keep", Bytes("old"));             // 1: the latest at 5 and 6, so reads at 6 need it
        await store.CreateAsync("/gone", Bytes("x"));               // 2
        await store.DeleteAsync("/gone", 2);                        // 3
        await store.CreateAsync("/c", Bytes("c1"));                 // 4
        await store.UpdateAsync("/c", Bytes("c2"), 4);              // 5
        await store.CreateAsync("/z", Bytes("z"));                  // 6
        await store.UpdateAsync("/keep", Bytes("new"), 1);          // 7

        await store.CompactAsync(keepRevisions: 2);                 // compacts at 5
        Assert.Equal("old", Text(store.Get("/keep", 6)));
        Assert.Equal(["/c=c2", "/keep=old", "/z=z"], store.List("/", 6).Items.Select(e => $"{e.Key}={Text(e)}"));
        Assert.Null(store.Get("/gone", 6));

        Assert.Equal([1L, 5, 6, 7], RowIds(test.DatabasePath!));

        // A key whose delete was compacted away can be created again.
        var again = await store.CreateAsync("/gone", Bytes("back"));
        Assert.Equal(8, again.CreateRevision);
    }

    [Fact]
    public async Task The_compacted_revision_and_the_current_revision_survive_a_reopen()
    {
        await using var test = Open("file");
        await test.Store.CreateAsync("/a", Bytes("x"));
        await test.Store.DeleteAsync("/a", 1);
        test.Store.Compact(0);                                      // removes every row
        Assert.Equal(2, test.Store.CompactedRevision);

        await test.ReopenAsync();
        Assert.Equal(2, test.Store.CompactedRevision);
        Assert.Equal(2, test.Store.CurrentRevision);
        var created = await test.Store.CreateAsync("/a", Bytes("y"));
        Assert.Equal(3, created.ModRevision);
    }

    [Fact]
    public async Task The_background_compactor_keeps_the_newest_revisions()
    {
        await using var test = Open("memory");
        var store = test.Store;
        await store.CreateAsync("/a", Bytes("0"));
        for (var r = 1; r < 30; r++)
            await store.UpdateAsync("/a", Bytes($"{r}"), r);

        store.StartCompactor(TimeSpan.FromMilliseconds(20), keepRevisions: 10);
        await WatchReading.EventuallyAsync(() => store.CompactedRevision == 20, "the compactor to compact at revision 20");
        Assert.Throws<InvalidOperationException>(() => store.StartCompactor(TimeSpan.FromSeconds(1)));
        Assert.Null(store.LastCompactionError);
    }

    private static List<long> RowIds(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM kine ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return ids;
    }
}
