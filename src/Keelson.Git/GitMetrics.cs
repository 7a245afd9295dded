using System.Collections.Concurrent;

namespace Keelson.Git;

/// <summary>
/// Fetch counts, failures and durations per repository, for the metrics endpoint. Repositories are told apart by
/// their normalised URL (<c>https://host/org/repo.git</c> and <c>https://host/org/repo</c> are one) and shown by the
/// URL first fetched, without credentials. Reads are snapshots; thread-safe.
/// </summary>
public sealed class GitMetrics
{
    private readonly ConcurrentDictionary<string, Counters> byRepository = new(StringComparer.Ordinal);
    private int running;
    private int maxRunning;

    /// <summary>A snapshot of every repository fetched so far, ordered by URL.</summary>
    public IReadOnlyList<RepositoryFetchStats> Repositories =>
        byRepository.Values.Select(c => c.Snapshot()).OrderBy(s => s.RepoUrl, StringComparer.Ordinal).ToList();

    /// <summary>The figures for one repository (all zero when it was never fetched).</summary>
    public RepositoryFetchStats For(string repoUrl)
    {
        return byRepository.TryGetValue(RepositoryUrl.Normalize(repoUrl), out var counters)
            ? counters.Snapshot()
            : new RepositoryFetchStats(RepositoryUrl.Redact(repoUrl), 0, 0, TimeSpan.Zero, TimeSpan.Zero, null, null, 0);
    }

    /// <summary>The most fetches ever running at once across all repositories (different repositories fetch in parallel).</summary>
    public int MaxConcurrentFetches => Volatile.Read(ref maxRunning);

    internal void Started(string key, string displayUrl)
    {
        byRepository.GetOrAdd(key, _ => new Counters(displayUrl)).Started();
        var now = Interlocked.Increment(ref running);
        UpdateMax(ref maxRunning, now);
    }

    internal void Completed(string key, TimeSpan duration, DateTimeOffset at, string? error)
    {
        Interlocked.Decrement(ref running);
        byRepository[key].Completed(duration, at, error);
    }

    private static void UpdateMax(ref int max, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }

    private sealed class Counters(string displayUrl)
    {
        private readonly Lock gate = new();
        private long fetches;
        private long failures;
        private TimeSpan total;
        private TimeSpan last;
        private DateTimeOffset? lastAt;
        private string? lastError;
        private int running;
        private int maxRunning;

        public void Started()
        {
            lock (gate)
            {
                fetches++;
                running++;
                maxRunning = Math.Max(maxRunning, running);
            }
        }

        public void Completed(TimeSpan duration, DateTimeOffset at, string? error)
        {
            lock (gate)
            {
                running--;
                if (error is not null) failures++;
                total += duration;
                last = duration;
                lastAt = at;
                lastError = error;
            }
        }

        public RepositoryFetchStats Snapshot()
        {
            lock (gate) return new RepositoryFetchStats(displayUrl, fetches, failures, total, last, lastAt, lastError, maxRunning);
        }
    }
}
