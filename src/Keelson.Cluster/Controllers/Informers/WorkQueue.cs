using System.Threading.Channels;

namespace Keelson.Cluster.Controllers.Informers;

/// <summary>
/// Keys ("namespace/name") waiting to be synced, as client-go's rate-limited work queue: a key is queued once however
/// often it is added, is never synced by two workers at once, and a key added while it syncs is synced again after.
/// </summary>
internal sealed class WorkQueue(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    public static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    public static (string? Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }
            if (_queued.Add(key)) _channel.Writer.TryWrite(key);
        }
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed (a resync, e.g. at a progress deadline).</summary>
    public void AddAfter(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        _ = Task.Delay(delay, time, cancellationToken).ContinueWith(t => Add(key), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>Runs <paramref name="workers"/> loops that sync keys until cancelled; a failed sync is retried with backoff.</summary>
    public Task RunAsync(int workers, Func<string, CancellationToken, Task> sync, Action<string, Exception> failed, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(sync, failed, cancellationToken), cancellationToken)));

    private async Task WorkAsync(Func<string, CancellationToken, Task> sync, Action<string, Exception> failed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var key in _channel.Reader.ReadAllAsync(cancellationToken))
            {
                lock (_lock)
                {
                    _queued.Remove(key);
                    _processing.Add(key);
                }
                TimeSpan? retry = null;
                try
                {
                    await sync(key, cancellationToken);
                    lock (_lock) _failures.Remove(key);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    int attempts;
                    lock (_lock) _failures[key] = attempts = _failures.GetValueOrDefault(key) + 1;
                    // Conflicts are normal (a stale cache); other failures are worth a line in the log.
                    if (ex is not Api.ApiException { Code: 409 }) failed(key, ex);
                    retry = TimeSpan.FromMilliseconds(Math.Min(5 * Math.Pow(2, Math.Min(attempts, 12)), 5_000));
                }
                finally
                {
                    lock (_lock)
                    {
                        _processing.Remove(key);
                        if (_dirty.Remove(key) && _queued.Add(key)) _channel.Writer.TryWrite(key);
                    }
                }
                if (retry is { } delay) AddAfter(key, delay, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
