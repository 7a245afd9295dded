namespace Keelson.Git;

/// <summary>
/// One repository in the cache: its bare clone on disk and the gate that lets one fetch run at a time. Fetches are
/// numbered; a caller that finds a fetch numbered after its own arrival already completed shares that fetch's result
/// instead of fetching again.
/// </summary>
internal sealed class CachedRepository(string key, string fetchUrl, string directory) : IDisposable
{
    private long fetchesStarted;
    private long lastSucceeded;
    private long lastSucceededStartTicks;

    /// <summary>The normalised URL (the cache and metrics key).</summary>
    public string Key { get; } = key;

    /// <summary>The URL fetched from, without credentials.</summary>
    public string FetchUrl { get; } = fetchUrl;

    /// <summary>The bare repository's directory.</summary>
    public string Directory { get; } = directory;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>How many fetches have started; read before waiting on <see cref="Gate"/>.</summary>
    public long FetchesStarted => Interlocked.Read(ref fetchesStarted);

    /// <summary>The number of the last fetch that succeeded (0 for none).</summary>
    public long LastSucceeded => Interlocked.Read(ref lastSucceeded);

    /// <summary>Numbers a new fetch; call while holding <see cref="Gate"/>.</summary>
    public long StartFetch() => Interlocked.Increment(ref fetchesStarted);

    /// <summary>When the last successful fetch started (UTC): it saw every commit pushed before then.</summary>
    public DateTimeOffset LastSucceededStart => new(Interlocked.Read(ref lastSucceededStartTicks), TimeSpan.Zero);

    public void Succeeded(long fetch, DateTimeOffset startedAt)
    {
        Interlocked.Exchange(ref lastSucceededStartTicks, startedAt.UtcTicks);
        Interlocked.Exchange(ref lastSucceeded, fetch);
    }

    public void Dispose() => Gate.Dispose();
}
