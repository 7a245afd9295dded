using Keelson.Cluster.Storage;
using static Keelson.Cluster.Tests.Storage.TestStore;

namespace Keelson.Cluster.Tests.Storage;

public sealed class SqliteStoreWatchTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Watch_from_a_revision_replays_the_log_then_goes_live_without_gap_or_duplicate(string kind)
    {
        await using var test = Open(kind, new SqliteStoreOptions { ReplayPageSize = 7 });
        var store = test.Store;
        for (var i = 0; i < 300; i++)
            await store.CreateAsync($"/w/{i:D3}", Bytes($"v{i}"));
        await store.CreateAsync("/other/x", Bytes("x"));            // 301, outside the prefix

        // Writers already running when the watch starts, so commits race the registration and the replay.
        using var started = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            started.Release();
            for (var i = w; i < 300; i += 3)
                await store.UpdateAsync($"/w/{i:D3}", Bytes($"u{i}"), i + 1);
        })).ToArray();
        await started.WaitAsync();

        using var watch = store.Watch("/w/", afterRevision: 100);
        await Task.WhenAll(writers);
        var events = await watch.TakeAsync(200 + 300);

        Assert.Equal(Enumerable.Range(101, 200).Select(r => (long)r), events.Take(200).Select(e => e.Revision));
        Assert.All(events.Take(200), e => Assert.Equal(StoreEventType.Created, e.Type));
        Assert.Equal(Enumerable.Range(302, 300).Select(r => (long)r), events.Skip(200).Select(e => e.Revision));
        Assert.All(events.Skip(200), e =>
        {
            Assert.Equal(StoreEventType.Updated, e.Type);
            Assert.Equal(Text(e.Previous).Replace('v', 'u'), Text(e.Entry));
            Assert.Equal(e.Entry.CreateRevision, e.Previous!.ModRevision);
        });
        await store.CreateAsync("/w/last", Bytes("x"));
        Assert.Equal(store.CurrentRevision, (await watch.NextAsync("the create of /w/last")).Revision);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Replayed_and_live_events_describe_a_change_the_same_way(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        using var live = store.Watch("/a", store.CurrentRevision);
        await store.CreateAsync("/a", Bytes("one"));
        await store.UpdateAsync("/a", Bytes("two"), 1);
        await store.DeleteAsync("/a", 2);
        var liveEvents = await live.TakeAsync(3);

        using var replay = store.Watch("/a", 0);
        var replayed = await replay.TakeAsync(3);

        Assert.Equal(Describe(liveEvents), Describe(replayed));
        Assert.Equal(
            ["Created /a=one c1 m1 prev -", "Updated /a=two c1 m2 prev one@1", "Deleted /a=two c1 m3 prev two@2"],
            Describe(replayed));
    }

    private static List<string> Describe(IEnumerable<StoreEvent> events) => events
        .Select(e => $"{e.Type} {e.Entry.Key}={Text(e.Entry)} c{e.Entry.CreateRevision} m{e.Entry.ModRevision} prev {(e.Previous is null ? "-" : $"{Text(e.Previous)}@{e.Previous.ModRevision}")}")
        .ToList();

    [Fact]
    public async Task Watch_of_deletes_carries_the_last_value_and_the_delete_revision()
    {
        await using var test = Open("memory");
        var store = test.Store;
        await store.CreateAsync("/d/a", Bytes("last"));
        using var watch = store.Watch("/d/", store.CurrentRevision);
        await store.DeleteAsync("/d/a", 1);

        var deleted = await watch.NextAsync("the delete of /d/a");
        Assert.Equal(StoreEventType.Deleted, deleted.Type);
        Assert.Equal(2, deleted.Revision);
        Assert.Equal("last", Text(deleted.Entry));
        Assert.Equal(1, deleted.Previous!.ModRevision);
    }

    [Fact]
    public async Task Watch_only_sees_keys_under_its_prefix()
    {
        await using var test = Open("memory");
        var store = test.Store;
        using var watch = store.Watch("/pods/ns1/", 0);
        await store.CreateAsync("/pods/ns10/x", Bytes("no"));
        await store.CreateAsync("/pods/ns1/y", Bytes("yes"));
        var only = await watch.NextAsync("the create of /pods/ns1/y");
        Assert.Equal("/pods/ns1/y", only.Entry.Key);
        Assert.False(watch.Events.TryRead(out _));
    }

    [Fact]
    public async Task Many_watchers_each_see_every_event_in_order()
    {
        await using var test = Open("file");
        var store = test.Store;
        var watches = Enumerable.Range(0, 100).Select(_ => store.Watch("/m/", 0)).ToArray();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
                await store.CreateAsync($"/m/{w}/{i}", Bytes("x"));
        })).ToArray();
        await Task.WhenAll(writers);

        foreach (var watch in watches)
        {
            var events = await watch.TakeAsync(200);
            Assert.Equal(Enumerable.Range(1, 200).Select(r => (long)r), events.Select(e => e.Revision));
            watch.Dispose();
        }
    }

    [Fact]
    public async Task A_watcher_that_falls_too_far_behind_is_closed_with_WatchOverflow_and_others_continue()
    {
        await using var test = Open("memory", new SqliteStoreOptions { WatchBufferLimit = 10 });
        var store = test.Store;
        using var slow = store.Watch("/", 0);
        using var reader = store.Watch("/", 0);
        var seen = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in reader.Events.ReadAllAsync())
            {
                if (++seen == 50)
                    return;
            }
        });
        for (var i = 0; i < 50; i++)
            await store.CreateAsync($"/k{i}", Bytes("x"));

        await reading.WaitAsync(WatchReading.Deadline);
        Assert.Equal(50, seen);
        var error = await slow.CompletionAsync();
        Assert.IsType<WatchOverflowException>(error);
    }

    [Fact]
    public async Task Disposing_the_store_completes_its_watches()
    {
        var test = Open("memory");
        var watch = test.Store.Watch("/", 0);
        await test.DisposeAsync();
        Assert.Null(await watch.CompletionAsync());
    }

    [Fact]
    public async Task Disposing_a_watch_completes_it_and_stops_delivery()
    {
        await using var test = Open("memory");
        var watch = test.Store.Watch("/", 0);
        watch.Dispose();
        await test.Store.CreateAsync("/a", Bytes("x"));
        Assert.Null(await watch.CompletionAsync());
    }
}
