using LibGit2Sharp;

namespace Keelson.Git;

public sealed partial class RepositoryCache
{
    /// <summary>
    /// Resolves <paramref name="revision"/> as <see cref="ResolveAsync(string, string, CancellationToken)"/> does
    /// (fetching unless it is a full SHA already cached) and describes the commit: author, date, message and the tags
    /// that point at it. Throws <see cref="GitException"/> (<see cref="GitFailure.RevisionNotFound"/>) naming the
    /// revision when there is no such commit.
    /// </summary>
    public async Task<RevisionMetadata> DescribeAsync(string repoUrl, string revision, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(repoUrl, revision, cancellationToken).ConfigureAwait(false);
        using var repository = new Repository(Entry(repoUrl).Directory);
        var commit = repository.Lookup<Commit>(resolved.CommitSha) ?? throw new GitException(
            repoUrl, GitFailure.RevisionNotFound, $"commit {resolved.CommitSha} not found in {RepositoryUrl.Redact(repoUrl)}");
        var tags = repository.Tags
            .Where(t => ToCommit(t.PeeledTarget)?.Sha == commit.Sha)
            .Select(t => t.FriendlyName)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new RevisionMetadata(commit.Sha, $"{commit.Author.Name} <{commit.Author.Email}>", commit.Author.When, commit.Message.TrimEnd('\n'), tags);
    }
}
