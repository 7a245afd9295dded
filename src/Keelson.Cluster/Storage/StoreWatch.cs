using System.Threading.Channels;

namespace Keelson.Cluster.Storage;

/// <summary>
/// One watcher of a <see cref="SqliteStore"/>. It is registered for live events before its history is read, holds
/// the live events while the history replays, then releases those it has not already delivered: events arrive
/// strictly in revision order, without gap or duplicate.
/// </summary>
internal sealed class StoreWatch : IStoreWatch
{
    private readonly Channel<StoreEvent> _channel;
    private readonly Lock _gate = new();
    private readonly int _limit;
    private readonly Action<StoreWatch> _detach;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Live events received while replaying; null once live.</summary>
    private List<StoreEvent>? _held = [];

    /// <summary>The revision of the newest event written to the channel.</summary>
    private long _lastRevision;
    private bool _closed;

    public StoreWatch(string prefix, long afterRevision, int limit, Action<StoreWatch> detach)
    {
        Prefix = prefix;
        _lastRevision = afterRevision;
        _limit = limit;
        _detach = detach;
        _channel = Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(limit)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public string Prefix { get; }

    public ChannelReader<StoreEvent> Events => _channel.Reader;

    /// <summary>Called by the writer after a commit; never waits: a watcher without room is closed with <see cref="WatchOverflowException"/>.</summary>
    public void Publish(List<StoreEvent> events)
    {
        var overflow = false;
        lock (_gate)
        {
            if (_closed)
                return;
            foreach (var change in events)
            {
                if (change.Revision <= _lastRevision || !KeyPrefix.Matches(change.Entry.Key, Prefix))
                    continue;
                if (_held is not null)
                {
                    if (_held.Count >= _limit)
                    {
                        overflow = true;
                        break;
                    }
                    _held.Add(change);
                }
                else if (_channel.Writer.TryWrite(change))
                {
                    _lastRevision = change.Revision;
                }
                else
                {
                    overflow = true;
                    break;
                }
            }
        }
        if (overflow)
            Close(new WatchOverflowException());
    }

    /// <summary>Switches to live delivery with nothing to replay (the watch starts at or after the current revision).</summary>
    public void GoLive()
    {
        lock (_gate)
        {
            if (_closed || _held is null)
                return;
            foreach (var change in _held)
            {
                // The channel is empty and holds at least _limit events, as many as _held may hold.
                if (change.Revision > _lastRevision && _channel.Writer.TryWrite(change))
                    _lastRevision = change.Revision;
            }
            _held = null;
        }
    }

    /// <summary>
    /// Delivers the log after the start revision page by page (waiting for the reader, not dropping), then the
    /// live events held meanwhile, then goes live. A failure, such as a compaction overtaking the replay, closes the watch with it.
    /// </summary>
    public async Task ReplayAsync(Func<string, long, LogPage> readPage)
    {
        try
        {
            long from;
            lock (_gate)
                from = _lastRevision;
            while (true)
            {
                var page = readPage(Prefix, from);
                foreach (var change in page.Events)
                    await DeliverAsync(change).ConfigureAwait(false);
                from = page.LastRevision;
                if (!page.More)
                    break;
            }

            while (true)
            {
                List<StoreEvent> held;
                lock (_gate)
                {
                    if (_closed)
                        return;
                    if (_held!.Count == 0)
                    {
                        _held = null;
                        return;
                    }
                    held = _held;
                    _held = [];
                }
                foreach (var change in held)
                    await DeliverAsync(change).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Close(ex);
        }
    }

    private async ValueTask DeliverAsync(StoreEvent change)
    {
        lock (_gate)
        {
            if (change.Revision <= _lastRevision)
                return;
        }
        await _channel.Writer.WriteAsync(change, _stop.Token).ConfigureAwait(false);
        lock (_gate)
            _lastRevision = change.Revision;
    }

    /// <summary>Ends the watch: its reader completes (with <paramref name="error"/> when given) and the store forgets it.</summary>
    public void Close(Exception? error)
    {
        lock (_gate)
        {
            if (_closed)
                return;
            _closed = true;
            _held = null;
        }
        _channel.Writer.TryComplete(error);
        _stop.Cancel();
        _detach(this);
    }

    public void Dispose() => Close(error: null);
}
