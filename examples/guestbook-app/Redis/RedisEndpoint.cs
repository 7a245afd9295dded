namespace Keelson.Guestbook.Redis;

/// <summary>Where one Redis server listens, and which part it plays ("master" or "replica").</summary>
public sealed record RedisEndpoint(string Role, string Host, int Port)
{
    public override string ToString() => $"{Role} {Host}:{Port}";
}
