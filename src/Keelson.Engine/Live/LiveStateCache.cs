using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Engine.Reconcile;
using Keelson.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keelson.Engine.Live;

/// <summary>
/// A watch-fed copy of the live objects of one cluster, for the types Applications deploy. Comparisons read it
/// instead of asking the API server, and a change to an object that carries an Application's tracking id wakes
/// that Application (this is what makes self-heal watch-driven). Objects handed out are shared: do not mutate.
/// </summary>
public sealed partial class LiveStateCache : IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly Action<string, ResourceId> _changed;
    private readonly Func<JsonObject, JsonObject, bool>? _worthReconciling;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ApiResource, TypeCache> _types = new();

    /// <param name="changed">Called with the Application name (from the tracking id) and object on every change of a tracked object.</param>
    /// <param name="logger">Where watch failures are reported.</param>
    /// <param name="worthReconciling">
    /// Asked with the old and the new form of a modified object; when it answers false, <paramref name="changed"/> is
    /// not called (argocd-cm's ignoreResourceUpdates). Additions and deletions are always reported.
    /// </param>
    public LiveStateCache(KubeClient client, Action<string, ResourceId> changed, ILogger? logger = null, Func<JsonObject, JsonObject, bool>? worthReconciling = null)
    {
        _client = client;
        _changed = changed;
        _worthReconciling = worthReconciling;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Starts watching a type (once) and waits until its first list has been read.</summary>
    public Task EnsureWatchedAsync(ApiResource type, CancellationToken cancellationToken)
    {
        var cache = _types.GetOrAdd(type, t =>
        {
            var c = new TypeCache();
            _ = Task.Run(() => RunAsync(t, c, _stop.Token));
            return c;
        });
        return cache.Ready.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The cached object (a fresh copy the caller may change), or null when it does not exist (the type must be watched).</summary>
    public JsonObject? Get(ApiResource type, ResourceId id) =>
        _types.TryGetValue(type, out var cache) && cache.Objects.TryGetValue(id, out var obj) ? obj.Parse() : null;

    /// <summary>True when the type is watched and its first list is in.</summary>
    public bool IsWatched(ApiResource type) => _types.TryGetValue(type, out var cache) && cache.Ready.Task.IsCompletedSuccessfully;

    /// <summary>Records an object this process just wrote, unless the cache already holds a newer version.</summary>
    public void Observe(ApiResource type, JsonObject obj)
    {
        if (!_types.TryGetValue(type, out var cache)) return;
        Store(cache, ResourceId.Of(obj), obj);
    }

    /// <summary>Records that this process deleted an object.</summary>
    public void Forget(ApiResource type, ResourceId id)
    {
        if (_types.TryGetValue(type, out var cache)) cache.Objects.TryRemove(id, out _);
    }

    private async Task RunAsync(ApiResource type, TypeCache cache, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (items, rv) = await _client.ListAsync(type, null, null, cancellationToken);
                var seen = new HashSet<ResourceId>();
                foreach (var item in items)
                {
                    var id = ResourceId.Of(item);
                    seen.Add(id);
                    if (!cache.Objects.TryGetValue(id, out var old) || old.ResourceVersion != item.GetResourceVersion())
                    {
                        cache.Objects[id] = CachedObject.Of(item);
                        if (cache.Ready.Task.IsCompleted) Notify(id, item);
                    }
                }
                foreach (var gone in cache.Objects.Keys.Where(k => !seen.Contains(k)).ToList())
                {
                    if (cache.Objects.TryRemove(gone, out var removed)) Notify(gone, removed.Parse());
                }
                cache.Ready.TrySetResult();
                delay = TimeSpan.FromMilliseconds(200);
                await foreach (var e in _client.WatchAsync(type, null, rv, cancellationToken))
                {
                    if (e.Type is WatchEventType.Bookmark or WatchEventType.Error) continue;
                    var id = ResourceId.Of(e.Object);
                    cache.Objects.TryGetValue(id, out var before);
                    if (e.Type == WatchEventType.Deleted) cache.Objects.TryRemove(id, out _);
                    else if (!Store(cache, id, e.Object)) continue;
                    else if (before is not null && _worthReconciling is not null && !_worthReconciling(before.Parse(), e.Object)) continue;
                    Notify(id, e.Object);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                LogWatchFailed(_logger, type.ToString(), ex.Message);
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>Stores unless the cached version is newer; false when nothing changed.</summary>
    private static bool Store(TypeCache cache, ResourceId id, JsonObject obj)
    {
        while (true)
        {
            if (!cache.Objects.TryGetValue(id, out var old)) return cache.Objects.TryAdd(id, CachedObject.Of(obj)) || Store(cache, id, obj);
            var oldRv = old.ResourceVersion;
            var newRv = obj.GetResourceVersion();
            if (oldRv == newRv) return false;
            if (long.TryParse(oldRv, out var o) && long.TryParse(newRv, out var n) && n < o) return false;
            if (cache.Objects.TryUpdate(id, CachedObject.Of(obj), old)) return true;
        }
    }

    private void Notify(ResourceId id, JsonObject obj)
    {
        if (obj.GetAnnotations().TryGetValue(ArgoAnnotations.TrackingId, out var tracking))
        {
            var colon = tracking.IndexOf(':');
            if (colon > 0) _changed(tracking[..colon], id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "watch of {Type} failed, relisting: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, string type, string reason);

    /// <summary>An object kept as compact UTF-8 JSON: a tenth of the memory of a parsed tree, parsed again when read.</summary>
    private sealed record CachedObject(byte[] Json, string? ResourceVersion)
    {
        public static CachedObject Of(JsonObject obj) => new(System.Text.Encoding.UTF8.GetBytes(obj.ToJsonString()), obj.GetResourceVersion());

        public JsonObject Parse() => (JsonObject)JsonNode.Parse(Json)!;
    }

    private sealed class TypeCache
    {
        public ConcurrentDictionary<ResourceId, CachedObject> Objects { get; } = new();

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
