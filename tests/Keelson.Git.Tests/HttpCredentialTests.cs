using Keelson.Tests.Shared;

namespace Keelson.Git.Tests;

public sealed class HttpCredentialTests : IDisposable
{
    private const string Password = "hunter2-token";
    private readonly TempDirectory projectRoot = new("keelson-http");
    private readonly TempDirectory cacheDirectory = new("keelson-cache");
    private readonly GitHttpServer server;
    private readonly string url;
    private readonly string head;

    public HttpCredentialTests()
    {
        var repository = projectRoot.Combine("guestbook");
        LocalRepository.Init(repository);
        File.WriteAllText(Path.Combine(repository, "a.yaml"), "a: 1\n");
        head = LocalRepository.CommitAll(repository, "first");
        server = new GitHttpServer(projectRoot.Path, "alice", Password);
        url = server.UrlFor("guestbook");
    }

    [Fact]
    public async Task Credentials_looked_up_for_the_url_are_sent_and_accepted()
    {
        var credentials = new GitCredentialStore().Add($"http://127.0.0.1:{server.Port}", new GitCredential("alice", Password));
        using var cache = new RepositoryCache(cacheDirectory.Path, credentials);

        var resolved = await cache.ResolveAsync(url, "main");

        Assert.Equal(head, resolved.CommitSha);
        Assert.Contains("alice", server.UsersSeen);
        using var tree = cache.OpenTree(url, resolved.CommitSha);
        Assert.Equal("a: 1\n", tree.ReadAllText("/a.yaml"));
    }

    [Fact]
    public async Task A_token_credential_is_sent_as_the_password()
    {
        var token = new GitCredentialStore().Add(url, GitCredential.FromToken(Password, "alice"));
        using var cache = new RepositoryCache(cacheDirectory.Path, token);

        var resolved = await cache.ResolveAsync(url, "HEAD");

        Assert.Equal(head, resolved.CommitSha);
    }

    [Fact]
    public async Task Credentials_in_the_url_are_used_but_never_shown_or_stored()
    {
        using var cache = new RepositoryCache(cacheDirectory.Path);
        var withSecret = $"http://alice:{Password}@127.0.0.1:{server.Port}/guestbook";

        var resolved = await cache.ResolveAsync(withSecret, "main");

        Assert.Equal(url, resolved.RepoUrl);
        Assert.Equal(url, cache.Metrics.For(withSecret).RepoUrl);
        var cached = Directory.EnumerateFiles(cache.RepositoryPath(withSecret), "*", SearchOption.TopDirectoryOnly);
        Assert.All(cached, f => Assert.DoesNotContain(Password, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_credentials_fail_with_an_authentication_error_that_hides_the_password()
    {
        var credentials = new GitCredentialStore().Add(url, new GitCredential("alice", "wrong-" + Password));
        using var cache = new RepositoryCache(cacheDirectory.Path, credentials);

        var error = await Assert.ThrowsAsync<GitException>(() => cache.ResolveAsync(url, "main"));

        Assert.Equal(GitFailure.AuthenticationFailed, error.Failure);
        Assert.StartsWith($"fetch of {url} failed: authentication as 'alice' was rejected", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, cache.Metrics.For(url).Failures);
        Assert.Single(server.UsersSeen); // refused once, not retried
    }

    [Fact]
    public async Task No_credentials_for_a_server_that_demands_them_fails_saying_so()
    {
        using var cache = new RepositoryCache(cacheDirectory.Path, new GitCredentialStore().Add("http://elsewhere.example", new GitCredential("bob", "x")));

        var error = await Assert.ThrowsAsync<GitException>(() => cache.ResolveAsync(url, "main"));

        Assert.Equal(GitFailure.AuthenticationFailed, error.Failure);
        Assert.Contains("no credentials are configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fetch_held_up_on_one_repository_does_not_hold_up_another()
    {
        var other = projectRoot.Combine("other");
        LocalRepository.Init(other);
        File.WriteAllText(Path.Combine(other, "b.yaml"), "b: 1\n");
        var otherHead = LocalRepository.CommitAll(other, "other");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.BeforeServe = path =>
        {
            if (!path.StartsWith("/guestbook/", StringComparison.Ordinal)) return Task.CompletedTask;
            arrived.TrySetResult();
            return release.Task;
        };
        var credentials = new GitCredentialStore().Add($"http://127.0.0.1:{server.Port}", new GitCredential("alice", Password));
        using var cache = new RepositoryCache(cacheDirectory.Path, credentials);

        var held = cache.ResolveAsync(url, "main");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var resolvedOther = await cache.ResolveAsync(server.UrlFor("other"), "main").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(held.IsCompleted, "the guestbook fetch should still be held by the server");
        release.SetResult();
        var resolved = await held.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((head, otherHead), (resolved.CommitSha, resolvedOther.CommitSha));
        Assert.Equal(2, cache.Metrics.MaxConcurrentFetches);
    }

    public void Dispose()
    {
        server.Dispose();
        cacheDirectory.Dispose();
        projectRoot.Dispose();
    }
}
