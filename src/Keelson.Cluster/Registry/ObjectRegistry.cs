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
    private const int MaxCachedResponses = 50_000;

    /// <summary>Serialized GET responses by storage key, valid while the entry's mod revision is unchanged.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedResponse> _responses = new(StringComparer.Ordinal);

    private sealed record CachedResponse(long Revision, string ApiVersion, byte[] Json);

    public IRevisionedStore Store => store;

    /// <summary>
    /// The object as the JSON a GET returns (resourceVersion set, apiVersion/kind of <paramref name="type"/>), or null when absent.
    /// Encoded once per revision: reads of an unchanged object reuse the bytes.
    /// </summary>
    public byte[]? GetJson(ResourceType type, string? ns, string name, System.Text.Json.JsonSerializerOptions options)
    {
        var entry = store.Get(StorageKeys.ObjectKey(type, ns, name));
        return entry is null ? null : EncodeCached(type, entry, options);
    }

    /// <summary>Every entry of a list, with the JSON each item is served as (encoded once per revision).</summary>
    public (List<(StoredEntry Entry, byte[] Json)> Items, long Revision) ListJson(ResourceType type, string? ns, long revision, System.Text.Json.JsonSerializerOptions options)
    {
        var list = store.List(StorageKeys.ListPrefix(type, ns), revision);
        var items = new List<(StoredEntry, byte[])>(list.Items.Count);
        foreach (var entry in list.Items) items.Add((entry, EncodeCached(type, entry, options)));
        return (items, list.Revision);
    }

    private byte[] EncodeCached(ResourceType type, StoredEntry entry, System.Text.Json.JsonSerializerOptions options)
    {
        if (_responses.TryGetValue(entry.Key, out var cached) && cached.Revision == entry.ModRevision && cached.ApiVersion == type.ApiVersion)
        {
            return cached.Json;
        }
        var obj = ObjectCodec.Decode(entry);
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(obj, options);
        if (_responses.Count >= MaxCachedResponses) _responses.Clear();
        _responses[entry.Key] = new CachedResponse(entry.ModRevision, type.ApiVersion, json);
        return json;
    }

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
