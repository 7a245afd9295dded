using System.Collections.Concurrent;
using System.Text;
using Keelson.Cluster.Storage;
using static Keelson.Cluster.Tests.Storage.TestStore;

namespace Keelson.Cluster.Tests.Storage;

public sealed class SqliteStoreConcurrencyTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Concurrent_read_modify_write_with_retries_loses_no_update(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        await store.CreateAsync("/counter", Bytes("0"));
        var revisions = new ConcurrentBag<long>();
        var conflicts = 0;

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                while (true)
                {
                    var current = store.Get("/counter")!;
                    var next = int.Parse(Encoding.UTF8.GetString(current.Value.Span)) + 1;
                    try
                    {
                        var written = await store.UpdateAsync("/counter", Bytes(next.ToString()), current.ModRevision);
                        revisions.Add(written.ModRevision);
                        break;
                    }
                    catch (RevisionConflictException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal("1600", Text(store.Get("/counter")));
        Assert.Equal(1600, revisions.Count);
        Assert.Equal(1600, revisions.Distinct().Count());
        Assert.Equal(1601, store.CurrentRevision);
        Assert.Equal(Enumerable.Range(2, 1600).Select(r => (long)r), revisions.Order());
    }

    [Fact]
    public async Task Concurrent_writers_on_distinct_keys_get_unique_dense_revisions_and_a_watch_sees_them_in_order()
    {
        await using var test = Open("file");
        var store = test.Store;
        using var watch = store.Watch("/", 0);
        var written = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < 100; i++)
                mine.Add((await store.CreateAsync($"/w{w}/{i}", Bytes("x"))).ModRevision);
            return mine;
        })));

        Assert.Equal(Enumerable.Range(1, 800).Select(r => (long)r), written.SelectMany(r => r).Order());
        Assert.Equal(Enumerable.Range(1, 800).Select(r => (long)r), (await watch.TakeAsync(800)).Select(e => e.Revision));
    }
}
