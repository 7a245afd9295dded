using Keelson.Cluster.Storage;
using static Keelson.Cluster.Tests.Storage.TestStore;

namespace Keelson.Cluster.Tests.Storage;

public sealed class SqliteStoreWriteTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Create_update_delete_each_take_the_next_revision(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        Assert.Equal(0, store.CurrentRevision);

        var created = await store.CreateAsync("/a", Bytes("one"));
        Assert.Equal(1, created.CreateRevision);
        Assert.Equal(1, created.ModRevision);
        Assert.Equal(1, store.CurrentRevision);

        var other = await store.CreateAsync("/b", Bytes("x"));
        Assert.Equal(2, other.ModRevision);

        var updated = await store.UpdateAsync("/a", Bytes("two"), expectedModRevision: 1);
        Assert.Equal(1, updated.CreateRevision);
        Assert.Equal(3, updated.ModRevision);
        Assert.Equal("two", Text(store.Get("/a")));
        Assert.Equal(3, store.Get("/a")!.ModRevision);

        var deleted = await store.DeleteAsync("/a", expectedModRevision: 3);
        Assert.Equal(4, deleted.ModRevision);
        Assert.Equal(1, deleted.CreateRevision);
        Assert.Equal("two", Text(deleted));
        Assert.Null(store.Get("/a"));
        Assert.Equal(4, store.CurrentRevision);

        var again = await store.CreateAsync("/a", Bytes("three"));
        Assert.Equal(5, again.CreateRevision);
        Assert.Equal("three", Text(store.Get("/a")));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Get_at_an_older_revision_sees_the_value_then(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        await store.CreateAsync("/a", Bytes("v1"));                 // 1
        await store.UpdateAsync("/a", Bytes("v2"), 1);              // 2
        await store.CreateAsync("/b", Bytes("b"));                  // 3
        await store.DeleteAsync("/a", 2);                           // 4

        Assert.Equal("v1", Text(store.Get("/a", 1)));
        Assert.Equal("v2", Text(store.Get("/a", 2)));
        Assert.Equal(2, store.Get("/a", 3)!.ModRevision);
        Assert.Null(store.Get("/a", 4));
        Assert.Null(store.Get("/b", 2));
        Assert.Equal("b", Text(store.Get("/b", 3)));
        Assert.Null(store.Get("/a", 100));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Create_of_a_live_key_fails_with_KeyExists(string kind)
    {
        await using var test = Open(kind);
        await test.Store.CreateAsync("/a", Bytes("one"));

        var error = await Assert.ThrowsAsync<KeyExistsException>(async () => await test.Store.CreateAsync("/a", Bytes("two")));
        Assert.Equal("/a", error.Key);
        Assert.Equal("one", Text(test.Store.Get("/a")));
        Assert.Equal(1, test.Store.CurrentRevision);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Stale_update_and_delete_fail_with_RevisionConflict_carrying_the_current_entry(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        await store.CreateAsync("/a", Bytes("one"));
        await store.UpdateAsync("/a", Bytes("two"), 1);

        var update = await Assert.ThrowsAsync<RevisionConflictException>(async () => await store.UpdateAsync("/a", Bytes("three"), 1));
        Assert.Equal(2, update.Current!.ModRevision);
        Assert.Equal("two", Text(update.Current));

        var delete = await Assert.ThrowsAsync<RevisionConflictException>(async () => await store.DeleteAsync("/a", 1));
        Assert.Equal(2, delete.Current!.ModRevision);
        Assert.Equal("two", Text(store.Get("/a")));
        Assert.Equal(2, store.CurrentRevision);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task Update_or_delete_of_an_absent_key_fails_with_KeyNotFound(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await store.UpdateAsync("/missing", Bytes("x"), 1));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await store.DeleteAsync("/missing", 1));

        await store.CreateAsync("/a", Bytes("x"));
        await store.DeleteAsync("/a", 1);
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await store.UpdateAsync("/a", Bytes("y"), 2));
        Assert.Equal(2, store.CurrentRevision);
    }

    [Fact]
    public async Task A_failing_write_does_not_fail_the_others_queued_with_it()
    {
        await using var test = Open("file");
        var store = test.Store;
        // Queued together these land in the same batches; only the duplicate creates may fail.
        var writes = Enumerable.Range(0, 200)
            .Select(i => store.CreateAsync($"/k{i % 100}", Bytes($"v{i}")).AsTask())
            .ToArray();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            (StoredEntry? Entry, Exception? Error) outcome;
            try
            {
                outcome = (await w, null);
            }
            catch (KeyExistsException ex)
            {
                outcome = (null, ex);
            }
            return outcome;
        }));

        Assert.Equal(100, outcomes.Count(o => o.Entry is not null));
        Assert.Equal(100, outcomes.Count(o => o.Error is not null));
        Assert.Equal(100, store.CurrentRevision);
        Assert.Equal(100, store.List("/").Items.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), outcomes.Where(o => o.Entry is not null).Select(o => o.Entry!.ModRevision).Order());
    }

    [Fact]
    public async Task The_caller_buffer_is_copied_so_reusing_it_does_not_change_the_stored_value()
    {
        await using var test = Open("memory");
        var buffer = Bytes("abc");
        var pending = test.Store.CreateAsync("/a", buffer);
        buffer[0] = (byte)'z';
        await pending;
        Assert.Equal("abc", Text(test.Store.Get("/a")));
    }

    [Fact]
    public async Task Writes_after_dispose_fail_with_ObjectDisposed()
    {
        var test = Open("memory");
        await test.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await test.Store.CreateAsync("/a", Bytes("x")));
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_queued_is_not_applied()
    {
        await using var test = Open("memory");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await test.Store.CreateAsync("/a", Bytes("x"), cancelled.Token));
        Assert.Null(test.Store.Get("/a"));
        Assert.Equal(0, test.Store.CurrentRevision);
    }
}
