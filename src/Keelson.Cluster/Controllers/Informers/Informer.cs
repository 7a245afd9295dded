using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Informers;

/// <summary>
/// An in-memory copy of one resource type in every namespace, kept current by a watch (client-go's informer and
/// indexer in one): objects by namespace and name, and by the uid of their controlling owner, so a controller finds
/// its dependents without scanning. Cached objects are shared: callers never mutate them (clone first).
/// A controller that writes puts the stored result back with <see cref="Upsert"/> at once, so its next sync sees its
/// own writes without waiting for the watch (which makes client-go's "expectations" unnecessary).
/// </summary>
internal sealed class Informer(ResourceType type)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(string Ns, string Name)>> _byOwner = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletedUids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<JsonObject?, JsonObject?>> _handlers = new(StringComparer.Ordinal);
    private Action<JsonObject?, JsonObject?>[] _handlerList = [];
    private Task? _loop;

    public ResourceType Type { get; } = type;

    /// <summary>
    /// Calls <paramref name="handler"/> with (before, after) for every change (after null on delete), on the thread that
    /// observed it; keep it cheap. One handler per <paramref name="subscriber"/>: a restarted controller replaces its own.
    /// </summary>
    public void OnChange(string subscriber, Action<JsonObject?, JsonObject?> handler)
    {
        lock (_lock)
        {
            _handlers[subscriber] = handler;
            _handlerList = [.. _handlers.Values];
        }
    }

    /// <summary>Primes the cache and starts following the watch, once however many controllers share this informer.</summary>
    public void EnsureStarted(ClusterClient client, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_loop is not null) return;
            _loop = Task.CompletedTask;
        }
        Prime(client);
        _loop = Task.Run(() => FollowAsync(client, cancellationToken), cancellationToken);
    }

    private async Task FollowAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(client, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A broken watch relists, as an informer does.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    public JsonObject? Get(string? ns, string name)
    {
        lock (_lock)
        {
            return _byNamespace.TryGetValue(ns ?? "", out var items) && items.TryGetValue(name, out var obj) ? obj : null;
        }
    }

    /// <summary>Every cached object in a namespace (all namespaces when null).</summary>
    public List<JsonObject> List(string? ns = null)
    {
        lock (_lock)
        {
            if (ns is not null) return _byNamespace.TryGetValue(ns, out var items) ? [.. items.Values] : [];
            return [.. _byNamespace.Values.SelectMany(v => v.Values)];
        }
    }

    /// <summary>The objects whose controlling ownerReference names <paramref name="ownerUid"/>.</summary>
    public List<JsonObject> ByOwner(string ownerUid)
    {
        lock (_lock)
        {
            if (!_byOwner.TryGetValue(ownerUid, out var keys)) return [];
            var result = new List<JsonObject>(keys.Count);
            foreach (var (ns, name) in keys)
            {
                if (_byNamespace.TryGetValue(ns, out var items) && items.TryGetValue(name, out var obj)) result.Add(obj);
            }
            return result;
        }
    }

    /// <summary>Stores an object unless the cache already holds the same or a newer version of it.</summary>
    public void Upsert(JsonObject obj) => Apply(obj, deleted: false);

    /// <summary>Forgets an object this controller deleted; late watch events about it are ignored until its deletion arrives.</summary>
    public void Forget(JsonObject obj)
    {
        lock (_lock)
        {
            if (obj.GetUid() is { } uid) _deletedUids.Add(uid);
            RemoveLocked(obj.GetNamespace() ?? "", obj.GetName()!);
        }
    }

    /// <summary>Fills the cache from a list, then follows the watch until cancelled.</summary>
    public async Task RunAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        await foreach (var change in client.WatchAsync(Type, null, cancellationToken))
        {
            Apply(change.Object, change.Type == WatchEventType.Deleted);
        }
    }

    /// <summary>Loads the current objects synchronously (before the watch starts), so a controller starts on a full cache.</summary>
    public void Prime(ClusterClient client)
    {
        foreach (var obj in client.List(Type)) Apply(obj, deleted: false);
    }

    private void Apply(JsonObject obj, bool deleted)
    {
        JsonObject? before;
        JsonObject? after;
        lock (_lock)
        {
            var ns = obj.GetNamespace() ?? "";
            var name = obj.GetName()!;
            var uid = obj.GetUid() ?? "";
            before = _byNamespace.TryGetValue(ns, out var items) && items.TryGetValue(name, out var existing) ? existing : null;
            if (deleted)
            {
                _deletedUids.Remove(uid);
                if (before is not null && before.GetUid() == uid) RemoveLocked(ns, name);
                else before = obj;
                after = null;
            }
            else
            {
                if (_deletedUids.Contains(uid)) return;
                if (before is not null && before.GetUid() == uid && Version(before) >= Version(obj)) return;
                if (before is not null) RemoveLocked(ns, name);
                if (items is null) _byNamespace[ns] = items = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
                items[name] = obj;
                if (ControllerUid(obj) is { } owner)
                {
                    if (!_byOwner.TryGetValue(owner, out var keys)) _byOwner[owner] = keys = [];
                    keys.Add((ns, name));
                }
                after = obj;
            }
        }
        foreach (var handler in Volatile.Read(ref _handlerList)) handler(before, after);
    }

    private void RemoveLocked(string ns, string name)
    {
        if (!_byNamespace.TryGetValue(ns, out var items) || !items.Remove(name, out var old)) return;
        if (ControllerUid(old) is { } owner && _byOwner.TryGetValue(owner, out var keys))
        {
            keys.Remove((ns, name));
            if (keys.Count == 0) _byOwner.Remove(owner);
        }
    }

    /// <summary>The uid of the ownerReference with controller: true, if any.</summary>
    public static string? ControllerUid(JsonObject obj)
    {
        if (obj.GetPath("metadata", "ownerReferences") is not JsonArray refs) return null;
        foreach (var r in refs.OfType<JsonObject>())
        {
            if (r["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController) return r.GetString("uid");
        }
        return null;
    }

    private static long Version(JsonObject obj) =>
        long.TryParse(obj.GetResourceVersion(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
