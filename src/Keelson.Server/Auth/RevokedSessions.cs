namespace Keelson.Server.Auth;

/// <summary>
/// Ids (<c>jti</c>) of login tokens ended by logout, each kept until the token would have expired anyway. Argo CD
/// keeps this list in Redis for all replicas; Keelson keeps it in the server's memory, so it is lost on restart.
/// </summary>
internal sealed class RevokedSessions(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public void Revoke(string id, DateTimeOffset until)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var gone in _until.Where(p => p.Value <= now).Select(p => p.Key).ToList()) _until.Remove(gone);
            if (until > now) _until[id] = until;
        }
    }

    public bool IsRevoked(string id)
    {
        lock (_lock) return _until.TryGetValue(id, out var until) && until > time.GetUtcNow();
    }
}
