using Keelson.Guestbook.Redis;

namespace Keelson.Guestbook;

/// <summary>The guestbook's settings, read from configuration (environment variables in a pod).</summary>
public sealed record GuestbookOptions
{
    public required RedisEndpoint Master { get; init; }

    /// <summary>The read endpoint; null when no replica is configured (reads then go to the master).</summary>
    public RedisEndpoint? Replica { get; init; }

    /// <summary>Longest message accepted, in characters.</summary>
    public int MaxMessageLength { get; init; } = 500;

    /// <summary>Most messages kept; adding past it drops the oldest, a classic set past it is refused.</summary>
    public int MaxMessages { get; init; } = 100;

    public TimeSpan RedisTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public static GuestbookOptions From(IConfiguration configuration)
    {
        var master = new RedisEndpoint("master",
            configuration["REDIS_MASTER_HOST"] ?? "redis-master",
            configuration.GetValue("REDIS_MASTER_PORT", 6379));
        var replicaHost = configuration["REDIS_REPLICA_HOST"] ?? "redis-replica";
        RedisEndpoint? replica = replicaHost.Length == 0
            ? null
            : new RedisEndpoint("replica", replicaHost, configuration.GetValue("REDIS_REPLICA_PORT", 6379));
        return new GuestbookOptions
        {
            Master = master,
            Replica = replica,
            MaxMessageLength = configuration.GetValue("GUESTBOOK_MAX_MESSAGE_LENGTH", 500),
            MaxMessages = configuration.GetValue("GUESTBOOK_MAX_MESSAGES", 100),
            RedisTimeout = TimeSpan.FromMilliseconds(configuration.GetValue("REDIS_TIMEOUT_MS", 2000)),
        };
    }
}
