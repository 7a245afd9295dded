using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Server.Applications;

/// <summary>
/// The Applications of the control namespace, kept by a list-then-watch (an informer): the server answers lists and
/// gets from here, and every change goes to the streams that subscribed. Relists after a watch error; a subscriber
/// that falls far behind is dropped (its stream ends, the client reconnects).
/// </summary>
public sealed partial class ApplicationCache : IAsyncDisposable
{
    private const int SubscriberBuffer = 100_000;

    private readonly KubeClient _client;
    private readonly string _namespace;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CachedApplication> _apps = new(StringComparer.Ordinal);
    private readonly Lock _subscribersLock = new();
    private readonly List<Channel<ApplicationEvent>> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private string _resourceVersion = "";

    public ApplicationCache(KubeClient client, string controlNamespace, ILogger logger)
    {
        _client = client;
        _namespace = controlNamespace;
        _logger = logger;
    }

    /// <summary>The resourceVersion of the last list or event seen (what a list answers as its metadata.resourceVersion).</summary>
    public string ResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>Completes once the first list is in.</summary>
    public Task Synced => _synced.Task;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public CachedApplication? Get(string name) => _apps.GetValueOrDefault(name);

    /// <summary>Every Application, in name order.</summary>
    public IReadOnlyList<CachedApplication> List() => _apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Subscribes to changes and returns the Applications as they are now; with the snapshot taken under the same lock
    /// that orders events, nothing is missed and nothing in the snapshot is repeated as an event.
    /// </summary>
    public (IReadOnlyList<CachedApplication> Snapshot, ChannelReader<ApplicationEvent> Events, IDisposable Subscription) Subscribe()
    {
        var channel = Channel.CreateBounded<ApplicationEvent>(new BoundedChannelOptions(SubscriberBuffer)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        lock (_subscribersLock)
        {
            _subscribers.Add(channel);
            return (List(), channel.Reader, new Subscription(this, channel));
        }
    }

    /// <summary>Waits until the cached <paramref name="name"/> satisfies <paramref name="until"/>, at most <paramref name="timeout"/>; returns it as it is then.</summary>
    public async Task<CachedApplication?> WaitAsync(string name, Func<CachedApplication, bool> until, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (_, events, subscription) = Subscribe();
        using (subscription)
        {
            if (Get(name) is { } now && until(now)) return now;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await foreach (var e in events.ReadAllAsync(deadline.Token))
                    if (e.Application.Name == name && e.Type != ApplicationEventType.Deleted && until(e.Application)) return e.Application;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            return Get(name);
        }
    }

    private void Publish(ApplicationEventType type, CachedApplication app)
    {
        lock (_subscribersLock)
        {
            if (type == ApplicationEventType.Deleted) _apps.TryRemove(app.Name, out _);
            else _apps[app.Name] = app;
            if (app.ResourceVersion.Length > 0) Volatile.Write(ref _resourceVersion, app.ResourceVersion);
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                if (_subscribers[i].Writer.TryWrite(new ApplicationEvent(type, app))) continue;
                // Too far behind: end its stream rather than hold the whole server back.
                _subscribers[i].Writer.TryComplete(new InvalidOperationException("the stream fell too far behind"));
                _subscribers.RemoveAt(i);
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var type = await _client.FindAsync("argoproj.io/v1alpha1", "Application", cancellationToken);
                if (type is null)
                {
                    await Task.Delay(delay, cancellationToken);
                    continue;
                }
                var (items, rv) = await _client.ListAsync(type, _namespace, null, cancellationToken);
                var listed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in items)
                {
                    var app = CachedApplication.Of(item);
                    listed.Add(app.Name);
                    var old = Get(app.Name);
                    if (old is null || old.ResourceVersion != app.ResourceVersion)
                        Publish(old is null ? ApplicationEventType.Added : ApplicationEventType.Modified, app);
                }
                foreach (var gone in _apps.Values.Where(a => !listed.Contains(a.Name)).ToList()) Publish(ApplicationEventType.Deleted, gone);
                Volatile.Write(ref _resourceVersion, rv);
                _synced.TrySetResult();
                delay = TimeSpan.FromMilliseconds(200);
                await foreach (var e in _client.WatchAsync(type, _namespace, rv, cancellationToken))
                {
                    switch (e.Type)
                    {
                        case WatchEventType.Added:
                        case WatchEventType.Modified:
                            var app = CachedApplication.Of(e.Object);
                            Publish(Get(app.Name) is null ? ApplicationEventType.Added : ApplicationEventType.Modified, app);
                            break;
                        case WatchEventType.Deleted:
                            Publish(ApplicationEventType.Deleted, CachedApplication.Of(e.Object));
                            break;
                        case WatchEventType.Bookmark when e.Object.GetResourceVersion() is { Length: > 0 } bookmark:
                            Volatile.Write(ref _resourceVersion, bookmark);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                LogWatchFailed(_logger, ex.Message);
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_subscribersLock)
        {
            foreach (var s in _subscribers) s.Writer.TryComplete();
            _subscribers.Clear();
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching Applications failed: {Reason}; listing again")]
    private static partial void LogWatchFailed(ILogger logger, string reason);

    private sealed class Subscription(ApplicationCache cache, Channel<ApplicationEvent> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (cache._subscribersLock) cache._subscribers.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}
