using System.Threading.Channels;

namespace Keelson.Engine.Reconcile;

/// <summary>
/// A de-duplicating work queue of Application names (as client-go's): a name waits in the queue at most once, is
/// never processed by two workers at a time, and a name added while it is being processed runs again afterwards.
/// Whether Git must be asked again is carried with the name as the time of the earliest such request: a fetch that
/// started after it answers it.
/// </summary>
internal sealed class WorkQueue(TimeProvider time)
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();
    private readonly Dictionary<string, DateTimeOffset?> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset?> _dirty = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Add(string name, bool refresh) => Add(name, refresh ? time.GetUtcNow() : null);

    private void Add(string name, DateTimeOffset? refresh)
    {
        lock (_lock)
        {
            if (_processing.Contains(name))
            {
                _dirty[name] = Earliest(_dirty.GetValueOrDefault(name), refresh);
                return;
            }
            if (_waiting.TryGetValue(name, out var existing))
            {
                _waiting[name] = Earliest(existing, refresh);
                return;
            }
            _waiting[name] = refresh;
        }
        _channel.Writer.TryWrite(name);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Waits for the next name; the caller must call <see cref="Done"/> when finished with it.</summary>
    public async Task<(string Name, DateTimeOffset? RefreshSince)> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var name = await _channel.Reader.ReadAsync(cancellationToken);
            lock (_lock)
            {
                if (!_waiting.Remove(name, out var refresh)) continue;
                _processing.Add(name);
                return (name, refresh);
            }
        }
    }

    public void Done(string name)
    {
        bool again;
        DateTimeOffset? refresh;
        lock (_lock)
        {
            _processing.Remove(name);
            again = _dirty.Remove(name, out refresh);
        }
        if (again) Add(name, refresh);
    }

    public int Pending
    {
        get
        {
            lock (_lock) return _waiting.Count + _processing.Count;
        }
    }
}
