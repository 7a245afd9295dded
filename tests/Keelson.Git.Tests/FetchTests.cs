namespace Keelson.Git.Tests;

public sealed class FetchTests : IDisposable
{
    private readonly Upstream upstream = new();
    private readonly TempDirectory cacheDirectory = new("keelson-cache");
    private readonly RepositoryCache cache;

    public FetchTests()
    {
        cache = new RepositoryCache(cacheDirectory.Path);
        upstream.Write("a.txt", "1").Commit("one");
    }

    [Fact]
    public async Task A_new_upstream_commit_is_seen_on_the_next_resolve()
    {
        await cache.ResolveAsync(upstream.FileUrl, "main");
        var next = upstream.Write("a.txt", "2").Commit("two");

        var resolved = await cache.ResolveAsync(upstream.FileUrl, "main");

        Assert.Equal(next, resolved.CommitSha);
        Assert.Equal("two", resolved.Message);
    }

    [Fact]
    public async Task A_resolve_fresh_as_of_a_time_reuses_a_fetch_that_started_later_and_fetches_otherwise()
    {
        var asked = DateTimeOffset.UtcNow;
        await cache.ResolveAsync(upstream.FileUrl, "main");
        var fetches = cache.Metrics.For(upstream.FileUrl).Fetches;

        // Asked before that fetch started: it answers the question, no new fetch.
        await cache.ResolveAsync(upstream.FileUrl, "main", asked);
        Assert.Equal(fetches, cache.Metrics.For(upstream.FileUrl).Fetches);

        // A commit pushed after it, and a request after the commit: a new fetch, which sees the commit.
        var next = upstream.Write("a.txt", "2").Commit("two");
        var resolved = await cache.ResolveAsync(upstream.FileUrl, "main", DateTimeOffset.UtcNow);
        Assert.Equal(fetches + 1, cache.Metrics.For(upstream.FileUrl).Fetches);
        Assert.Equal(next, resolved.CommitSha);
    }

    [Fact]
    public async Task A_force_pushed_branch_is_followed_to_its_new_history()
    {
        var one = (await cache.ResolveAsync(upstream.FileUrl, "main")).CommitSha;
        upstream.Write("a.txt", "2").Commit("two");
        await cache.ResolveAsync(upstream.FileUrl, "main");
        upstream.ResetHard(one);
        var rewritten = upstream.Write("a.txt", "2-rewritten").Commit("two, rewritten");

        var resolved = await cache.ResolveAsync(upstream.FileUrl, "main");

        Assert.Equal(rewritten, resolved.CommitSha);
    }

    [Fact]
    public async Task A_branch_deleted_upstream_is_pruned_from_the_cache()
    {
        upstream.Branch("feature");
        await cache.ResolveAsync(upstream.FileUrl, "feature");
        upstream.DeleteBranch("feature");

        var error = await Assert.ThrowsAsync<GitException>(() => cache.ResolveAsync(upstream.FileUrl, "feature"));

        Assert.Equal(GitFailure.RevisionNotFound, error.Failure);
    }

    [Fact]
    public async Task Head_follows_the_branch_the_upstream_head_names()
    {
        upstream.Branch("other");
        upstream.Checkout("other");
        var onOther = upstream.Write("b.txt", "b").Commit("on other");

        var resolved = await cache.ResolveAsync(upstream.FileUrl, "HEAD");

        Assert.Equal(onOther, resolved.CommitSha);
    }

    [Fact]
    public async Task Fetching_an_unchanged_repository_rewrites_no_refs_or_objects()
    {
        await cache.ResolveAsync(upstream.FileUrl, "main");
        var before = Snapshot(cache.RepositoryPath(upstream.FileUrl));

        await cache.ResolveAsync(upstream.FileUrl, "main");

        Assert.Equal(before, Snapshot(cache.RepositoryPath(upstream.FileUrl)));
        Assert.Equal(2, cache.Metrics.For(upstream.FileUrl).Fetches);
    }

    [Fact]
    public async Task Concurrent_resolves_of_one_repository_never_fetch_at_the_same_time_and_share_fetches()
    {
        var sha = (await cache.ResolveAsync(upstream.FileUrl, "main")).CommitSha;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cache.ResolveAsync(upstream.FileUrl, "main")));

        Assert.All(results, r => Assert.Equal(sha, r.CommitSha));
        var stats = cache.Metrics.For(upstream.FileUrl);
        Assert.Equal(1, stats.MaxConcurrentFetches);
        // One fetch was running when the other nine asked; they share the single fetch queued after it.
        Assert.InRange(stats.Fetches, 2, 6);
    }

    [Fact]
    public async Task Different_repositories_are_fetched_independently()
    {
        using var other = new Upstream();
        other.Write("x.txt", "x").Commit("x");

        await Task.WhenAll(
            Enumerable.Range(0, 4).SelectMany(_ => new[] { cache.ResolveAsync(upstream.FileUrl, "main"), cache.ResolveAsync(other.FileUrl, "main") }));

        Assert.Equal(2, cache.Metrics.Repositories.Count);
        Assert.All(cache.Metrics.Repositories, r => Assert.Equal(1, r.MaxConcurrentFetches));
        Assert.Equal(2, Directory.GetDirectories(cacheDirectory.Path).Length);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_fails_naming_it_and_counts_a_failure()
    {
        var missing = Path.Combine(cacheDirectory.Path, "no-such-repo");

        var error = await Assert.ThrowsAsync<GitException>(() => cache.ResolveAsync(missing, "main"));

        Assert.Equal(GitFailure.FetchFailed, error.Failure);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        var stats = cache.Metrics.For(missing);
        Assert.Equal((1, 1), (stats.Fetches, stats.Failures));
        Assert.Equal(error.Message, stats.LastError);
    }

    [Fact]
    public async Task A_closed_https_port_fails_naming_the_url_without_its_credentials()
    {
        var url = $"https://alice:s3cret@127.0.0.1:{ClosedPort()}/org/repo.git";

        var error = await Assert.ThrowsAsync<GitException>(() => cache.ResolveAsync(url, "main"));

        Assert.Equal(GitFailure.FetchFailed, error.Failure);
        Assert.StartsWith($"fetch of https://127.0.0.1:{new Uri(url).Port}/org/repo.git failed: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", error.RepoUrl, StringComparison.Ordinal);
        var stats = cache.Metrics.For(url);
        Assert.Equal(1, stats.Failures);
        Assert.DoesNotContain("s3cret", stats.LastError!, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", File.ReadAllText(Path.Combine(cache.RepositoryPath(url), "config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_resolve_throws_operation_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.ResolveAsync(upstream.FileUrl, "main", cancelled.Token));
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // Every file under refs/ and objects/ (and packed-refs) with its last-write time: a no-op fetch changes none.
    private static string Snapshot(string bare) => string.Join('\n',
        Directory.EnumerateFiles(bare, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(bare, f))
            .Where(f => f.StartsWith("refs", StringComparison.Ordinal) || f.StartsWith("objects", StringComparison.Ordinal) || f == "packed-refs")
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f} {File.GetLastWriteTimeUtc(Path.Combine(bare, f)):O}"));

    public void Dispose()
    {
        cache.Dispose();
        cacheDirectory.Dispose();
        upstream.Dispose();
    }
}
