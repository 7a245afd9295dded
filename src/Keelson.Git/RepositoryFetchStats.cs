namespace Keelson.Git;

/// <summary>
/// Fetch figures for one repository. <see cref="Fetches"/> counts every attempt, <see cref="Failures"/> the attempts
/// that failed; durations cover attempts of both kinds. <see cref="MaxConcurrentFetches"/> is the most fetches of
/// this repository ever seen running at once (1 by design). <see cref="LastError"/> never holds credentials.
/// </summary>
public sealed record RepositoryFetchStats(
    string RepoUrl,
    long Fetches,
    long Failures,
    TimeSpan TotalDuration,
    TimeSpan LastDuration,
    DateTimeOffset? LastFetchAt,
    string? LastError,
    int MaxConcurrentFetches);
