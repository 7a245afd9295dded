namespace Keelson.Guestbook.Redis;

/// <summary>A Redis server could not be reached or did not answer in time.</summary>
public sealed class RedisUnavailableException(RedisEndpoint endpoint, string message, Exception? inner = null)
    : Exception($"redis {endpoint}: {message}", inner)
{
    public RedisEndpoint Endpoint { get; } = endpoint;
}
