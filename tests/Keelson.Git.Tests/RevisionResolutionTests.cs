namespace Keelson.Git.Tests;

public sealed class RevisionResolutionTests : IDisposable
{
    private readonly Upstream upstream = new();
    private readonly TempDirectory cacheDirectory = new("keelson-cache");
    private readonly RepositoryCache cache;
    private readonly string first;
    private readonly string second;

    public RevisionResolutionTests()
    {
        cache = new RepositoryCache(cacheDirectory.Path);
        first = upstream.Write("app/config.yaml", "version: 1\n").Commit("first\n\nwith a body");
        upstream.LightweightTag("v1-light", first);
        upstream.AnnotatedTag("v1", first);
        second = upstream.Write("app/config.yaml", "version: 2\n").Commit("second");
        upstream.Branch("release", first);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HEAD")]
    [InlineData("main")]
    [InlineData("refs/heads/main")]
    public async Task Head_and_the_default_branch_resolve_to_the_latest_commit(string revision)
    {
        var resolved = await cache.ResolveAsync(upstream.Path, revision);

        Assert.Equal(second, resolved.CommitSha);
        Assert.Equal(revision, resolved.Revision);
    }

    [Fact]
    public async Task A_branch_resolves_to_its_tip()
    {
        var resolved = await cache.ResolveAsync(upstream.FileUrl, "release");

        Assert.Equal(first, resolved.CommitSha);
    }

    [Theory]
    [InlineData("v1-light")]
    [InlineData("v1")]
    [InlineData("refs/tags/v1")]
    public async Task Lightweight_and_annotated_tags_resolve_to_the_commit(string tag)
    {
        var resolved = await cache.ResolveAsync(upstream.FileUrl, tag);

        Assert.Equal(first, resolved.CommitSha);
    }

    [Fact]
    public async Task A_full_sha_resolves_to_itself_with_the_commit_metadata()
    {
        var resolved = await cache.ResolveAsync(upstream.FileUrl, first);

        Assert.Equal(first, resolved.CommitSha);
        Assert.Equal("first\n\nwith a body", resolved.Message);
        Assert.Equal("Ada Lovelace <ada@example.com>", resolved.Author);
        Assert.Equal(upstream.FileUrl, resolved.RepoUrl);
    }

    [Fact]
    public async Task An_abbreviated_sha_resolves_to_the_full_sha()
    {
        var resolved = await cache.ResolveAsync(upstream.FileUrl, first[..8]);

        Assert.Equal(first, resolved.CommitSha);
    }

    [Fact]
    public async Task A_full_sha_already_cached_is_resolved_without_fetching()
    {
        await cache.ResolveAsync(upstream.FileUrl, "HEAD");
        var fetchesBefore = cache.Metrics.For(upstream.FileUrl).Fetches;

        var resolved = await cache.ResolveAsync(upstream.FileUrl, first);

        Assert.Equal(first, resolved.CommitSha);
        Assert.Equal(fetchesBefore, cache.Metrics.For(upstream.FileUrl).Fetches);
    }

    [Fact]
    public async Task Resolving_without_fetch_uses_the_cache_as_it_is()
    {
        await cache.ResolveAsync(upstream.FileUrl, "HEAD");
        var third = upstream.Write("app/config.yaml", "version: 3\n").Commit("third");

        var cached = await cache.ResolveAsync(upstream.FileUrl, "main", fetch: false);
        var fetched = await cache.ResolveAsync(upstream.FileUrl, "main", fetch: true);

        Assert.Equal(second, cached.CommitSha);
        Assert.Equal(third, fetched.CommitSha);
    }

    [Theory]
    [InlineData("v9")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    [InlineData("deadbeef")]
    public async Task A_missing_revision_fails_naming_the_repository_and_the_revision(string revision)
    {
        var error = await Assert.ThrowsAsync<GitException>(() => cache.ResolveAsync(upstream.FileUrl, revision));

        Assert.Equal(GitFailure.RevisionNotFound, error.Failure);
        Assert.Equal($"revision '{revision}' not found in {upstream.FileUrl}: no branch, tag or commit by that name", error.Message);
        Assert.Equal(upstream.FileUrl, error.RepoUrl);
    }

    [Fact]
    public async Task A_local_path_and_its_file_url_share_one_cache_entry()
    {
        await cache.ResolveAsync(upstream.Path, "HEAD");
        await cache.ResolveAsync(upstream.FileUrl + "/", "HEAD");

        Assert.Equal(cache.RepositoryPath(upstream.Path), cache.RepositoryPath(upstream.FileUrl));
        Assert.Single(Directory.GetDirectories(cacheDirectory.Path));
        Assert.Equal(2, cache.Metrics.For(upstream.Path).Fetches);
    }

    public void Dispose()
    {
        cache.Dispose();
        cacheDirectory.Dispose();
        upstream.Dispose();
    }
}
