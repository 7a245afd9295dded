using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Storage;
using Keelson.Resources;

namespace Keelson.Cluster.Registry;

/// <summary>
/// Objects of any served type over the revisioned store: keys, encoding and resourceVersion. Does not
/// default, validate or check preconditions other than the store's optimistic concurrency.
/// </summary>
public sealed class ObjectRegistry(IRevisionedStore store)
{
    public IRevisionedStore Store => store;

    public JsonObject? Get(ResourceType type, string? ns, string name, long revision = 0)
    {
        var entry = store.Get(StorageKeys.ObjectKey(type, ns, name), revision);
        return entry is null ? null : ObjectCodec.Decode(entry);
    }

    /// <summary>The stored entry, for callers that need the mod revision as a write precondition.</summary>
    public (JsonObject Object, long Revision)? GetWithRevision(ResourceType type, string? ns, string name)
    {
        var entry = store.Get(StorageKeys.ObjectKey(type, ns, name));
        return entry is null ? null : (ObjectCodec.Decode(entry), entry.ModRevision);
    }

    public (List<JsonObject> Items, long Revision) List(ResourceType type, string? ns, long revision = 0)
    {
        var list = store.List(StorageKeys.ListPrefix(type, ns), revision);
        var items = new List<JsonObject>(list.Items.Count);
        foreach (var entry in list.Items) items.Add(ObjectCodec.Decode(entry));
        return (items, list.Revision);
    }

    public async Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default)
    {
        var entry = await store.CreateAsync(StorageKeys.ObjectKey(type, obj.GetNamespace(), obj.GetName()!), ObjectCodec.Encode(obj), cancellationToken);
        return ObjectCodec.Decode(entry);
    }

    public async Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, long expectedRevision, CancellationToken cancellationToken = default)
    {
        var entry = await store.UpdateAsync(StorageKeys.ObjectKey(type, obj.GetNamespace(), obj.GetName()!), ObjectCodec.Encode(obj), expectedRevision, cancellationToken);
        return ObjectCodec.Decode(entry);
    }

    public async Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, long expectedRevision, CancellationToken cancellationToken = default)
    {
        var entry = await store.DeleteAsync(StorageKeys.ObjectKey(type, ns, name), expectedRevision, cancellationToken);
        return ObjectCodec.Decode(entry);
    }

    public IStoreWatch Watch(ResourceType type, string? ns, long afterRevision) =>
        store.Watch(StorageKeys.ListPrefix(type, ns), afterRevision);
}
