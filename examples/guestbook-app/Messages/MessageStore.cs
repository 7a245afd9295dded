using Keelson.Guestbook.Observability;
using Keelson.Guestbook.Redis;
using StackExchange.Redis;

namespace Keelson.Guestbook.Messages;

/// <summary>
/// The guestbook's messages: a Redis list under the key <c>messages</c>, written on the master and
/// read from the replica, or from the master when the replica does not answer.
/// </summary>
public sealed partial class MessageStore(RedisConnections redis, GuestbookOptions options, RequestMetrics metrics, ILogger<MessageStore> logger)
{
    public const string Key = "messages";

    /// <summary>Reads every message, oldest first, and says which server answered.</summary>
    public async Task<(IReadOnlyList<string> Messages, RedisEndpoint Source)> ReadAsync(CancellationToken cancellationToken)
    {
        if (redis.ReplicaEndpoint is { } replica)
        {
            try
            {
                return (await ReadFromAsync(replica, redis.ReplicaAsync, cancellationToken).ConfigureAwait(false), replica);
            }
            catch (RedisUnavailableException e)
            {
                metrics.RedisFailed(replica.Role);
                LogReplicaFallback(e.Message);
            }
        }
        return (await ReadFromAsync(redis.MasterEndpoint, redis.MasterAsync, cancellationToken).ConfigureAwait(false), redis.MasterEndpoint);
    }

    /// <summary>Appends one message on the master, keeping at most <see cref="GuestbookOptions.MaxMessages"/>.</summary>
    public Task AddAsync(string message, CancellationToken cancellationToken) =>
        OnMasterAsync(transaction =>
        [
            // Append and trim in one MULTI/EXEC, so no reader ever sees more than the limit.
            transaction.ListRightPushAsync(Key, message),
            transaction.ListTrimAsync(Key, -options.MaxMessages, -1),
        ], cancellationToken);

    /// <summary>Replaces every message at once (the classic <c>cmd=set</c>), atomically.</summary>
    public Task ReplaceAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken) =>
        OnMasterAsync(transaction => messages.Count == 0
            ? [transaction.KeyDeleteAsync(Key)]
            : [transaction.KeyDeleteAsync(Key), transaction.ListRightPushAsync(Key, messages.Select(m => (RedisValue)m).ToArray())],
            cancellationToken);

    /// <summary>PINGs each server; the guestbook is ready when it can read (replica or master).</summary>
    public async Task<IReadOnlyDictionary<string, bool>> ProbeAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, bool>
        {
            ["master"] = await PingAsync(redis.MasterEndpoint, redis.MasterAsync, cancellationToken).ConfigureAwait(false),
        };
        if (redis.ReplicaEndpoint is { } replica)
        {
            result["replica"] = await PingAsync(replica, redis.ReplicaAsync, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    private static async Task<bool> PingAsync(RedisEndpoint endpoint, Func<CancellationToken, Task<IDatabase>> database, CancellationToken cancellationToken)
    {
        try
        {
            await OnServerAsync(endpoint, async () =>
                await (await database(cancellationToken).ConfigureAwait(false)).PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return true;
        }
        catch (RedisUnavailableException)
        {
            return false;
        }
    }

    private static Task<IReadOnlyList<string>> ReadFromAsync(RedisEndpoint endpoint, Func<CancellationToken, Task<IDatabase>> database, CancellationToken cancellationToken) =>
        OnServerAsync<IReadOnlyList<string>>(endpoint, async () =>
        {
            var db = await database(cancellationToken).ConfigureAwait(false);
            // Each multiplexer holds one server; PreferReplica keeps reads off the master should it ever learn of both.
            var items = await db.ListRangeAsync(Key, 0, -1, CommandFlags.PreferReplica).WaitAsync(cancellationToken).ConfigureAwait(false);
            return items.Where(item => !item.IsNull).Select(item => item.ToString()).ToArray();
        });

    /// <summary>Runs the commands that <paramref name="queue"/> adds to one MULTI/EXEC on the master.</summary>
    private async Task OnMasterAsync(Func<ITransaction, Task[]> queue, CancellationToken cancellationToken)
    {
        try
        {
            await OnServerAsync(redis.MasterEndpoint, async () =>
            {
                var db = await redis.MasterAsync(cancellationToken).ConfigureAwait(false);
                var transaction = db.CreateTransaction();
                var queued = queue(transaction);
                await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                // The queued commands complete only once EXEC has answered (a transaction refused before it was sent
                // leaves them pending forever), so they are awaited after it, to surface a command's own error.
                await Task.WhenAll(queued).WaitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (RedisUnavailableException)
        {
            metrics.RedisFailed(redis.MasterEndpoint.Role);
            throw;
        }
    }

    /// <summary>Maps the library's "cannot reach the server" failures to <see cref="RedisUnavailableException"/>.</summary>
    private static async Task<T> OnServerAsync<T>(RedisEndpoint endpoint, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        // The library's messages carry a page of connection diagnostics; the reason logged is the short kind, the rest stays in InnerException.
        catch (RedisConnectionException e)
        {
            throw new RedisUnavailableException(endpoint, $"not connected ({e.FailureType})", e);
        }
        catch (RedisTimeoutException e)
        {
            throw new RedisUnavailableException(endpoint, "no reply in time", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica unavailable, reading from the master: {Reason}")]
    private partial void LogReplicaFallback(string reason);
}
