using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Registry;
using Keelson.Cluster.Storage;
using Keelson.Resources;
using Keelson.Resources.Selection;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// In-process access to the cluster for controllers and the simulated kubelet: reads from the store, and writes
/// through the same admission as the API (defaulting, validation, field management, finalizers, garbage collection),
/// without HTTP. Writes throw <see cref="ApiException"/> as the API would answer them (409 on a stale version).
/// </summary>
public sealed class ClusterClient
{
    private readonly ResourceHandler _handler;

    internal ClusterClient(ResourceHandler handler, TimeProvider time)
    {
        _handler = handler;
        Time = time;
        Events = new EventRecorder(this);
    }

    public ResourceCatalog Catalog => _handler.Catalog;

    public TimeProvider Time { get; }

    /// <summary>Records core/v1 Events about objects (deduplicated: a repeat bumps count and lastTimestamp).</summary>
    public EventRecorder Events { get; }

    /// <summary>A served type by group, version and plural; throws when it is not served (a bug in the caller).</summary>
    public ResourceType Type(string group, string version, string plural) =>
        Catalog.Find(group, version, plural) ?? throw new InvalidOperationException($"{plural}.{group}/{version} is not served");

    public JsonObject? Get(ResourceType type, string? ns, string name) => _handler.Registry.Get(type, ns, name) is { } obj ? Served(type, obj) : null;

    /// <summary>
    /// Whether <paramref name="owner"/> is still stored (same uid) and not being deleted, read from the store rather than
    /// a cache: a controller creates dependents only for such an owner, so none appear behind a (foreground) deletion.
    /// </summary>
    public bool IsLive(ResourceType type, JsonObject owner) =>
        _handler.Registry.Get(type, owner.GetNamespace(), owner.GetName()!) is { } current
        && current.GetUid() == owner.GetUid()
        && current.GetPath("metadata", "deletionTimestamp") is null;

    /// <summary>Objects of a type (in one namespace, or all when null) that the selector matches.</summary>
    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns = null, LabelSelector? selector = null)
    {
        var (items, _) = _handler.Registry.List(type, ns);
        return items.Where(o => selector is null || selector.IsEverything || selector.Matches(o.GetLabels())).Select(o => Served(type, o)).ToList();
    }

    /// <summary>Creates an object as <paramref name="manager"/> (generateName honoured).</summary>
    public Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, string manager, CancellationToken cancellationToken = default)
    {
        var body = (JsonObject)obj.DeepClone();
        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
        if (!type.Namespaced) body.SetNamespace(null);
        return _handler.CreateObjectAsync(null, type, body, Options(manager), recordUpdate: true, cancellationToken);
    }

    /// <summary>Replaces an object; its metadata.resourceVersion is the precondition (409 when stale).</summary>
    public Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, string manager, CancellationToken cancellationToken = default) =>
        Write(type, obj, null, manager);

    /// <summary>Replaces an object's status (only status changes); resourceVersion is the precondition.</summary>
    public Task<JsonObject> UpdateStatusAsync(ResourceType type, JsonObject obj, string manager, CancellationToken cancellationToken = default) =>
        Write(type, obj, "status", manager);

    /// <summary>Deletes an object (404 ignored). Returns false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ResourceType type, string? ns, string name, string propagation = "Background", CancellationToken cancellationToken = default)
    {
        try
        {
            await _handler.DeleteObjectAsync(type, ns, name, new DeleteOptionsInput(propagation), cancellationToken);
            return true;
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes an object at once, as a kubelet finishes a graceful pod deletion: grace period 0 and the uid as a
    /// precondition, so a newer object of the same name is left alone. Returns false when it is gone or replaced.
    /// </summary>
    public async Task<bool> DeleteNowAsync(ResourceType type, string? ns, string name, string uid, CancellationToken cancellationToken = default)
    {
        try
        {
            await _handler.DeleteObjectAsync(type, ns, name, new DeleteOptionsInput("Background", GracePeriodSeconds: 0, PreconditionUid: uid), cancellationToken);
            return true;
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            return false;
        }
    }

    /// <summary>A write by the system itself: no admission or field management (see <see cref="ResourceHandler.MutateAsync"/>).</summary>
    public Task<bool> MutateAsync(ResourceType type, string? ns, string name, Func<JsonObject, bool> mutate, CancellationToken cancellationToken = default) =>
        _handler.MutateAsync(type, ns, name, mutate, cancellationToken);

    /// <summary>
    /// Every object of the type as Added, then every change, until cancelled. A watch that falls behind or hits
    /// compaction restarts from a fresh list (re-announcing objects as Added), as an informer relists.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (items, revision) = _handler.Registry.List(type, ns);
            foreach (var item in items) yield return new WatchEvent(WatchEventType.Added, Served(type, item), null);
            IStoreWatch watch;
            try
            {
                watch = _handler.Registry.Watch(type, ns, revision);
            }
            catch (RevisionCompactedException)
            {
                continue;
            }
            using (watch)
            {
                while (true)
                {
                    StoreEvent change;
                    try
                    {
                        if (!await watch.Events.WaitToReadAsync(cancellationToken)) break;
                        if (!watch.Events.TryRead(out change!)) continue;
                    }
                    catch (OperationCanceledException)
                    {
                        yield break;
                    }
                    catch (WatchOverflowException)
                    {
                        break;
                    }
                    var current = Served(type, ObjectCodec.Decode(change.Entry));
                    var previous = change.Previous is null ? null : Served(type, ObjectCodec.Decode(change.Previous));
                    var kind = change.Type switch
                    {
                        StoreEventType.Created => WatchEventType.Added,
                        StoreEventType.Deleted => WatchEventType.Deleted,
                        _ => WatchEventType.Modified,
                    };
                    yield return new WatchEvent(kind, current, previous);
                }
            }
        }
    }

    private Task<JsonObject> Write(ResourceType type, JsonObject obj, string? subresource, string manager)
    {
        var request = new ResourceRequest(type, type.Namespaced ? obj.GetNamespace() : null, obj.GetName()!, subresource);
        var body = (JsonObject)obj.DeepClone();
        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
        return _handler.WriteWithRetryAsync(null, request, Options(manager), recordUpdate: true, (_, _) => (JsonObject)body.DeepClone());
    }

    private static WriteOptions Options(string manager) => new(DryRun: false, manager, FieldValidation.Ignore, Force: false);

    private static JsonObject Served(ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        return obj;
    }
}
