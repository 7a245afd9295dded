namespace Keelson.Server.Auth;

/// <summary>
/// Failed logins by username, as Argo CD counts them (AC: util/session/sessionmanager.go): after
/// <c>maxFailures</c> failures a username is refused until <c>window</c> has passed since its last failure (a
/// zero window: for ever, until a success resets it). Entries older than the window are forgotten; past
/// <c>maxEntries</c> usernames a random one other than admin and the one failing now is dropped, so a flood of
/// made-up names can neither exhaust memory nor reset admin's count. In memory, per server. Thread-safe.
/// </summary>
internal sealed class LoginFailures(TimeProvider time, int maxFailures, TimeSpan window, int maxEntries)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Attempts> _attempts = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_lock) return _attempts.Count;
        }
    }

    public bool IsLockedOut(string username)
    {
        lock (_lock)
        {
            return _attempts.TryGetValue(username, out var a) && a.Count >= maxFailures
                && (window <= TimeSpan.Zero || time.GetUtcNow() - a.LastFailed <= window);
        }
    }

    /// <summary>Counts a failure; returns the username's count within the window.</summary>
    public int RecordFailure(string username)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (window > TimeSpan.Zero)
            {
                foreach (var stale in _attempts.Where(p => now - p.Value.LastFailed > window).Select(p => p.Key).ToList())
                    _attempts.Remove(stale);
            }
            if (!_attempts.ContainsKey(username) && _attempts.Count >= maxEntries)
            {
                var candidates = _attempts.Keys.Where(k => k != AuthNames.Admin).ToList();
                if (candidates.Count > 0) _attempts.Remove(candidates[Random.Shared.Next(candidates.Count)]);
            }
            var count = (_attempts.GetValueOrDefault(username)?.Count ?? 0) + 1;
            _attempts[username] = new Attempts(count, now);
            return count;
        }
    }

    public void RecordSuccess(string username)
    {
        lock (_lock) _attempts.Remove(username);
    }

    private sealed record Attempts(int Count, DateTimeOffset LastFailed);
}
