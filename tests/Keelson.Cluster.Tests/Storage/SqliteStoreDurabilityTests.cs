using Keelson.Cluster.Storage;
using static Keelson.Cluster.Tests.Storage.TestStore;

namespace Keelson.Cluster.Tests.Storage;

public sealed class SqliteStoreDurabilityTests
{
    [Fact]
    public async Task Reopening_a_file_database_restores_entries_and_revisions()
    {
        await using var test = Open("file");
        await test.Store.CreateAsync("/a", Bytes("a1"));            // 1
        await test.Store.CreateAsync("/b", Bytes("b1"));            // 2
        await test.Store.UpdateAsync("/a", Bytes("a2"), 1);         // 3
        await test.Store.DeleteAsync("/b", 2);                      // 4
        await test.Store.CreateAsync("/c", Bytes("c1"));            // 5

        await test.ReopenAsync();
        var store = test.Store;
        Assert.Equal(5, store.CurrentRevision);
        Assert.Equal(["/a=a2@1/3", "/c=c1@5/5"], store.List("/").Items.Select(e => $"{e.Key}={Text(e)}@{e.CreateRevision}/{e.ModRevision}"));
        Assert.Null(store.Get("/b"));
        Assert.Equal("b1", Text(store.Get("/b", 3)));

        // The key heads came back too: conditional writes check against them and revisions continue.
        await Assert.ThrowsAsync<RevisionConflictException>(async () => await store.UpdateAsync("/a", Bytes("x"), 1));
        Assert.Equal(6, (await store.UpdateAsync("/a", Bytes("a3"), 3)).ModRevision);
        Assert.Equal(7, (await store.CreateAsync("/b", Bytes("b2"))).ModRevision);

        using var watch = store.Watch("/", 3);
        Assert.Equal([4L, 5, 6, 7], (await watch.TakeAsync(4)).Select(e => e.Revision));
    }

    [Fact]
    public async Task Acknowledged_writes_survive_a_crash_without_clean_shutdown()
    {
        await using var test = Open("file");
        var store = test.Store;
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, 500)
            .Select(i => store.CreateAsync($"/crash/{i:D3}", Bytes($"v{i}")).AsTask()));

        // Copy the database and its WAL while the store still has them open: what a kill -9 would leave on disk.
        var crashDirectory = NewDirectory();
        try
        {
            var copy = Path.Combine(crashDirectory, "store.db");
            File.Copy(test.DatabasePath!, copy);
            if (File.Exists(test.DatabasePath + "-wal"))
                File.Copy(test.DatabasePath + "-wal", copy + "-wal");

            await using var recovered = SqliteStore.Open(copy);
            Assert.Equal(store.CurrentRevision, recovered.CurrentRevision);
            foreach (var entry in acknowledged)
            {
                var found = recovered.Get(entry.Key);
                Assert.True(found is not null, $"acknowledged write of {entry.Key} at revision {entry.ModRevision} was lost");
                Assert.Equal(entry.ModRevision, found.ModRevision);
                Assert.Equal(Text(entry), Text(found));
            }
        }
        finally
        {
            Directory.Delete(crashDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Dispose_commits_writes_still_queued()
    {
        await using var test = Open("file");
        var pending = Enumerable.Range(0, 300).Select(i => test.Store.CreateAsync($"/q/{i}", Bytes("x")).AsTask()).ToArray();
        await test.ReopenAsync();
        await Task.WhenAll(pending);
        Assert.Equal(300, test.Store.List("/q/").Items.Count);
        Assert.Equal(300, test.Store.CurrentRevision);
    }
}
