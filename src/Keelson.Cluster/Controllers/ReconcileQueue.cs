using System.Threading.Channels;
using Keelson.Cluster.Api;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// A deduplicating work queue with one worker, as client-go's workqueue: a key added while it waits is queued once;
/// a key can be re-added after a delay (deadlines, backoff, periodic resync). A reconcile that fails with an
/// <see cref="ApiException"/> (a conflict, a vanished object) is retried shortly; any other exception is a bug and
/// ends <see cref="RunAsync"/> so the controller host logs it and restarts the controller.
/// </summary>
internal sealed class ReconcileQueue<TKey>(TimeProvider time) where TKey : notnull
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);
    private readonly Channel<TKey> _ready = Channel.CreateUnbounded<TKey>();
    private readonly HashSet<TKey> _waiting = [];
    private readonly Lock _lock = new();

    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (!_waiting.Add(key)) return;
        }
        _ready.Writer.TryWrite(key);
    }

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed (on the injected clock's timers).</summary>
    public void AddAfter(TKey key, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        _ = Task.Delay(delay, time, cancellationToken).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) Add(key);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Feeds the queue from a watch until cancelled: each event maps to zero or more keys.</summary>
    public async Task FeedAsync(IAsyncEnumerable<WatchEvent> events, Func<WatchEvent, IEnumerable<TKey>> keys)
    {
        await foreach (var e in events)
        {
            foreach (var key in keys(e)) Add(key);
        }
    }

    /// <summary>Reconciles keys one at a time until cancelled.</summary>
    public async Task RunAsync(Func<TKey, Task> reconcile, CancellationToken cancellationToken)
    {
        while (await _ready.Reader.WaitToReadAsync(cancellationToken))
        {
            if (!_ready.Reader.TryRead(out var key)) continue;
            lock (_lock)
            {
                _waiting.Remove(key);
            }
            try
            {
                await reconcile(key);
            }
            catch (ApiException)
            {
                AddAfter(key, RetryDelay, cancellationToken);
            }
        }
    }
}
