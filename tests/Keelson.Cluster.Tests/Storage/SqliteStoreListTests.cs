using Keelson.Cluster.Storage;
using static Keelson.Cluster.Tests.Storage.TestStore;

namespace Keelson.Cluster.Tests.Storage;

public sealed class SqliteStoreListTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task List_at_latest_returns_the_live_keys_under_the_prefix_in_key_order(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        await store.CreateAsync("/pods/ns1/b", Bytes("b"));
        await store.CreateAsync("/pods/ns1/a", Bytes("a"));
        await store.CreateAsync("/pods/ns10/c", Bytes("c"));
        await store.CreateAsync("/pods/ns2/d", Bytes("d"));
        await store.CreateAsync("/services/ns1/e", Bytes("e"));
        await store.DeleteAsync("/pods/ns2/d", 4);

        var ns1 = store.List("/pods/ns1/");
        Assert.Equal(["/pods/ns1/a", "/pods/ns1/b"], ns1.Items.Select(e => e.Key));
        Assert.Equal(6, ns1.Revision);

        Assert.Equal(["/pods/ns1/a", "/pods/ns1/b", "/pods/ns10/c"], store.List("/pods/").Items.Select(e => e.Key));
        Assert.Equal(4, store.List("").Items.Count);
        Assert.Empty(store.List("/zzz").Items);
        Assert.Empty(store.List("/pods/ns2/").Items);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestStore))]
    public async Task List_at_an_older_revision_sees_the_keys_and_values_then(string kind)
    {
        await using var test = Open(kind);
        var store = test.Store;
        await store.CreateAsync("/p/a", Bytes("a1"));               // 1
        await store.CreateAsync("/p/b", Bytes("b1"));               // 2
        await store.UpdateAsync("/p/a", Bytes("a2"), 1);            // 3
        await store.DeleteAsync("/p/b", 2);                         // 4
        await store.CreateAsync("/p/c", Bytes("c1"));               // 5
        await store.CreateAsync("/q/x", Bytes("x"));                // 6

        var at2 = store.List("/p/", 2);
        Assert.Equal(2, at2.Revision);
        Assert.Equal(["/p/a=a1", "/p/b=b1"], at2.Items.Select(e => $"{e.Key}={Text(e)}"));

        var at3 = store.List("/p/", 3);
        Assert.Equal(["/p/a=a2@3", "/p/b=b1@2"], at3.Items.Select(e => $"{e.Key}={Text(e)}@{e.ModRevision}"));

        Assert.Equal(["/p/a"], store.List("/p/", 4).Items.Select(e => e.Key));
        Assert.Equal(["/p/a", "/p/c"], store.List("/p/", 5).Items.Select(e => e.Key));
        Assert.Equal(5, store.List("/p/", 5).Revision);
    }

    [Fact]
    public async Task List_past_the_current_revision_answers_at_the_current_revision()
    {
        await using var test = Open("memory");
        await test.Store.CreateAsync("/a", Bytes("a"));
        var list = test.Store.List("/", 50);
        Assert.Equal(1, list.Revision);
        Assert.Single(list.Items);
    }
}
