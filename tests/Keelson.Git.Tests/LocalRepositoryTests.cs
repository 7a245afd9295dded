using LibGit2Sharp;

namespace Keelson.Git.Tests;

public sealed class LocalRepositoryTests : IDisposable
{
    private readonly TempDirectory directory = new("keelson-local");

    [Fact]
    public void Init_starts_on_the_named_branch_and_commit_all_commits_new_changed_and_deleted_files()
    {
        LocalRepository.Init(directory.Path, "trunk");
        File.WriteAllText(directory.Combine("a.txt"), "a");
        File.WriteAllText(directory.Combine("b.txt"), "b");
        var first = LocalRepository.CommitAll(directory.Path, "add a and b", "Grace Hopper <grace@example.com>");
        File.WriteAllText(directory.Combine("a.txt"), "a2");
        File.Delete(directory.Combine("b.txt"));

        var second = LocalRepository.CommitAll(directory.Path, "change a, drop b");

        using var repository = new Repository(directory.Path);
        Assert.Equal("trunk", repository.Head.FriendlyName);
        Assert.Equal(second, repository.Head.Tip.Sha);
        Assert.Equal(first, repository.Head.Tip.Parents.Single().Sha);
        Assert.Equal(["a.txt"], repository.Head.Tip.Tree.Select(e => e.Name));
        Assert.Equal("Grace Hopper", repository.Lookup<Commit>(first).Author.Name);
        Assert.Equal("Keelson", repository.Head.Tip.Author.Name);
    }

    [Fact]
    public void Commit_all_with_nothing_changed_returns_the_current_commit_without_committing()
    {
        LocalRepository.Init(directory.Path);
        File.WriteAllText(directory.Combine("a.txt"), "a");
        var first = LocalRepository.CommitAll(directory.Path, "one");

        var again = LocalRepository.CommitAll(directory.Path, "nothing new");

        Assert.Equal(first, again);
        using var repository = new Repository(directory.Path);
        Assert.Single(repository.Commits);
    }

    [Fact]
    public async Task An_empty_repository_has_no_head_to_resolve()
    {
        LocalRepository.Init(directory.Path);
        using var cacheDirectory = new TempDirectory("keelson-cache");
        using var cache = new RepositoryCache(cacheDirectory.Path);

        var error = await Assert.ThrowsAsync<GitException>(() => cache.ResolveAsync(directory.Path, "HEAD"));

        Assert.Equal(GitFailure.RevisionNotFound, error.Failure);
        Assert.Contains("has no HEAD", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => directory.Dispose();
}
