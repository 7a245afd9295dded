using Keelson.Guestbook.Observability;
using Keelson.Guestbook.Redis;

namespace Keelson.Guestbook.Messages;

/// <summary>
/// The guestbook's messages: a Redis list under the key <c>messages</c>, written on the master and
/// read from the replica, or from the master when the replica does not answer.
/// </summary>
public sealed partial class MessageStore(GuestbookOptions options, RequestMetrics metrics, ILogger<MessageStore> logger)
{
    public const string Key = "messages";

    /// <summary>Reads every message, oldest first, and says which server answered.</summary>
    public async Task<(IReadOnlyList<string> Messages, RedisEndpoint Source)> ReadAsync(CancellationToken cancellationToken)
    {
        if (options.Replica is { } replica)
        {
            try
            {
                return (await ReadFromAsync(replica, cancellationToken).ConfigureAwait(false), replica);
            }
            catch (RedisUnavailableException e)
            {
                metrics.RedisFailed(replica.Role);
                LogReplicaFallback(e.Message);
            }
        }
        return (await ReadFromAsync(options.Master, cancellationToken).ConfigureAwait(false), options.Master);
    }

    /// <summary>Appends one message on the master, keeping at most <see cref="GuestbookOptions.MaxMessages"/>.</summary>
    public Task AddAsync(string message, CancellationToken cancellationToken) =>
        OnMasterAsync(async connection =>
        {
            // Append and trim in one transaction, so no reader ever sees more than the limit.
            await connection.ExecuteAsync(cancellationToken, "MULTI").ConfigureAwait(false);
            await connection.ExecuteAsync(cancellationToken, "RPUSH", Key, message).ConfigureAwait(false);
            await connection.ExecuteAsync(cancellationToken, "LTRIM", Key,
                (-options.MaxMessages).ToString(System.Globalization.CultureInfo.InvariantCulture), "-1").ConfigureAwait(false);
            await connection.ExecuteAsync(cancellationToken, "EXEC").ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Replaces every message at once (the classic <c>cmd=set</c>), atomically.</summary>
    public Task ReplaceAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken) =>
        OnMasterAsync(async connection =>
        {
            await connection.ExecuteAsync(cancellationToken, "MULTI").ConfigureAwait(false);
            await connection.ExecuteAsync(cancellationToken, "DEL", Key).ConfigureAwait(false);
            if (messages.Count > 0)
            {
                await connection.ExecuteAsync(cancellationToken, ["RPUSH", Key, .. messages]).ConfigureAwait(false);
            }
            await connection.ExecuteAsync(cancellationToken, "EXEC").ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>PINGs each server; the guestbook is ready when it can read (replica or master).</summary>
    public async Task<IReadOnlyDictionary<string, bool>> ProbeAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, bool>
        {
            ["master"] = await PingAsync(options.Master, cancellationToken).ConfigureAwait(false),
        };
        if (options.Replica is { } replica)
        {
            result["replica"] = await PingAsync(replica, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    private async Task<bool> PingAsync(RedisEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await RespConnection.OpenAsync(endpoint, options.RedisTimeout, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await connection.ExecuteAsync(cancellationToken, "PING").ConfigureAwait(false) is "PONG";
            }
        }
        catch (RedisUnavailableException)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<string>> ReadFromAsync(RedisEndpoint endpoint, CancellationToken cancellationToken)
    {
        var connection = await RespConnection.OpenAsync(endpoint, options.RedisTimeout, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var reply = await connection.ExecuteAsync(cancellationToken, "LRANGE", Key, "0", "-1").ConfigureAwait(false);
            return reply is object?[] items ? items.OfType<string>().ToArray() : [];
        }
    }

    private async Task OnMasterAsync(Func<RespConnection, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await RespConnection.OpenAsync(options.Master, options.RedisTimeout, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await write(connection).ConfigureAwait(false);
            }
        }
        catch (RedisUnavailableException)
        {
            metrics.RedisFailed(options.Master.Role);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica unavailable, reading from the master: {Reason}")]
    private partial void LogReplicaFallback(string reason);
}
