using StackExchange.Redis;

namespace Keelson.Guestbook.Redis;

/// <summary>
/// The guestbook's two StackExchange.Redis multiplexers: one to the master (writes) and one to the
/// replica (reads), each opened on first use and kept for the life of the application.
/// A server that is down fails commands at once instead of queueing them: callers fall back or
/// answer 503 while the multiplexer reconnects in the background.
/// </summary>
public sealed class RedisConnections(GuestbookOptions options) : IAsyncDisposable
{
    private readonly Connection master = new(options.Master, options.RedisTimeout);
    private readonly Connection? replica = options.Replica is { } endpoint ? new(endpoint, options.RedisTimeout) : null;

    public RedisEndpoint MasterEndpoint => master.Endpoint;

    /// <summary>The replica's endpoint; null when no replica is configured.</summary>
    public RedisEndpoint? ReplicaEndpoint => replica?.Endpoint;

    /// <summary>The database on the master. Does not wait for the server: an unreachable one fails the first command.</summary>
    public Task<IDatabase> MasterAsync(CancellationToken cancellationToken) => master.DatabaseAsync(cancellationToken);

    /// <summary>The database on the replica; the caller must check <see cref="ReplicaEndpoint"/> first.</summary>
    public Task<IDatabase> ReplicaAsync(CancellationToken cancellationToken) =>
        (replica ?? throw new InvalidOperationException("no replica is configured")).DatabaseAsync(cancellationToken);

    /// <summary>The settings of one multiplexer: never give up connecting, never queue while disconnected.</summary>
    public static ConfigurationOptions Configuration(RedisEndpoint endpoint, TimeSpan timeout)
    {
        var milliseconds = (int)timeout.TotalMilliseconds;
        return new ConfigurationOptions
        {
            EndPoints = { { endpoint.Host, endpoint.Port } },
            ClientName = "guestbook-" + endpoint.Role,
            // Start even when the server is down (it may come up after the frontend), reconnect in the background.
            AbortOnConnectFail = false,
            ConnectRetry = 1,
            ConnectTimeout = milliseconds,
            SyncTimeout = milliseconds,
            AsyncTimeout = milliseconds,
            // The default backlog queues commands while disconnected until they time out: a dead master would
            // hang every write for the whole timeout. Failing fast lets reads fall back and writes answer 503 at once.
            BacklogPolicy = BacklogPolicy.FailFast,
            ReconnectRetryPolicy = new LinearRetry(500),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await master.DisposeAsync().ConfigureAwait(false);
        if (replica is not null)
        {
            await replica.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Connection(RedisEndpoint endpoint, TimeSpan timeout) : IAsyncDisposable
    {
        private readonly Lock gate = new();
        private Task<ConnectionMultiplexer>? connecting;

        public RedisEndpoint Endpoint { get; } = endpoint;

        public async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
        {
            Task<ConnectionMultiplexer> task;
            lock (gate)
            {
                // A connect that threw (a bad configuration, not a down server) is tried again on the next request.
                if (connecting is null || connecting.IsFaulted)
                {
                    connecting = ConnectionMultiplexer.ConnectAsync(Configuration(Endpoint, timeout));
                }
                task = connecting;
            }
            try
            {
                return (await task.WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
            }
            catch (RedisException e)
            {
                throw new RedisUnavailableException(Endpoint, "connect failed: " + e.GetType().Name, e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Task<ConnectionMultiplexer>? task;
            lock (gate)
            {
                task = connecting;
            }
            if (task is null)
            {
                return;
            }
            try
            {
                // A connect still in flight ends within the connect timeout; its multiplexer is closed too.
                await (await task.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (RedisException)
            {
            }
        }
    }
}
