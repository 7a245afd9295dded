using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Keelson.Git;

/// <summary>
/// Bare clones of the repositories Applications read, one per URL under a cache directory, fetched on demand. Resolves
/// Argo CD <c>targetRevision</c>s to commits and opens commit trees for rendering without a working copy. One fetch of
/// a repository runs at a time (callers arriving during a fetch share the next one); different repositories fetch in
/// parallel. Thread-safe.
/// </summary>
/// <remarks>
/// The cache never decides when to refresh: every <see cref="ResolveAsync(string, string, CancellationToken)"/> fetches
/// unless the revision is a full commit SHA already present. Another process must not share the cache directory.
/// </remarks>
public sealed partial class RepositoryCache : IDisposable
{
    private readonly ConcurrentDictionary<string, CachedRepository> repositories = new(StringComparer.Ordinal);
    private readonly IGitCredentials? credentials;
    private readonly TimeProvider time;
    private bool disposed;

    /// <param name="cacheDirectory">Where the bare clones live; created when missing.</param>
    /// <param name="credentials">Credentials for https repositories (a URL's own <c>user:password@</c> is used otherwise).</param>
    /// <param name="time">The clock for fetch durations and times.</param>
    public RepositoryCache(string cacheDirectory, IGitCredentials? credentials = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        CacheDirectory = Path.GetFullPath(cacheDirectory);
        Directory.CreateDirectory(CacheDirectory);
        this.credentials = credentials;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The directory holding the bare clones.</summary>
    public string CacheDirectory { get; }

    /// <summary>Fetch counts, failures and durations per repository.</summary>
    public GitMetrics Metrics { get; } = new();

    /// <summary>
    /// The bare clone's directory for <paramref name="repoUrl"/>: <c>&lt;slug&gt;-&lt;hash of the normalised URL&gt;</c>
    /// under <see cref="CacheDirectory"/>. It may not exist yet.
    /// </summary>
    public string RepositoryPath(string repoUrl) => Entry(repoUrl).Directory;

    /// <summary>
    /// Fetches (cloning first when needed) and resolves <paramref name="targetRevision"/> to a commit: empty or
    /// <c>HEAD</c> → the remote's HEAD; a full ref name; a branch; a tag (annotated tags peeled to their commit); a full
    /// commit SHA (no fetch when the commit is already cached); an abbreviated SHA of at least 7 hex digits.
    /// Throws <see cref="GitException"/> naming the URL and revision when the fetch fails or nothing matches.
    /// </summary>
    public Task<ResolvedRevision> ResolveAsync(string repoUrl, string targetRevision, CancellationToken cancellationToken = default) =>
        ResolveAsync(repoUrl, targetRevision, fetch: true, cancellationToken);

    /// <summary>
    /// As <see cref="ResolveAsync(string, string, CancellationToken)"/>; with <paramref name="fetch"/> false the revision
    /// is resolved against what the cache already holds (a repository never fetched is fetched once).
    /// </summary>
    public async Task<ResolvedRevision> ResolveAsync(string repoUrl, string targetRevision, bool fetch, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var entry = Entry(repoUrl);
        var display = RepositoryUrl.Redact(repoUrl);
        var revision = (targetRevision ?? "").Trim();

        if (FullSha().IsMatch(revision) && Repository.IsValid(entry.Directory))
        {
            using var cached = new Repository(entry.Directory);
            if (ToCommit(cached.Lookup(revision)) is { } commit) return Describe(display, revision, commit);
        }

        if (fetch || !Repository.IsValid(entry.Directory)) await FetchAsync(entry, repoUrl, cancellationToken).ConfigureAwait(false);

        using var repository = new Repository(entry.Directory);
        return Describe(display, revision, Resolve(repository, display, revision));
    }

    /// <summary>
    /// As <see cref="ResolveAsync(string, string, CancellationToken)"/>, but fetches only when no successful fetch has
    /// started since <paramref name="freshAsOf"/>: many callers that each need "everything pushed before I asked"
    /// share one fetch (a refresh of a thousand Applications of one repository costs a few fetches, not a thousand).
    /// </summary>
    public async Task<ResolvedRevision> ResolveAsync(string repoUrl, string targetRevision, DateTimeOffset freshAsOf, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var entry = Entry(repoUrl);
        var fresh = entry.LastSucceeded > 0 && entry.LastSucceededStart >= freshAsOf && Repository.IsValid(entry.Directory);
        return await ResolveAsync(repoUrl, targetRevision, fetch: !fresh, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches <paramref name="repoUrl"/> now (cloning first when needed); shares a fetch with concurrent callers.</summary>
    public Task FetchAsync(string repoUrl, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return FetchAsync(Entry(repoUrl), repoUrl, cancellationToken);
    }

    /// <summary>
    /// The tree of a cached commit (full or abbreviated SHA), rooted at <paramref name="path"/> ("" or "." for the
    /// repository root). Does not fetch: resolve the revision first. Throws <see cref="GitException"/> naming the
    /// commit or path when the commit is not cached, or the path is missing, not a directory or outside the repository.
    /// </summary>
    public GitTree OpenTree(string repoUrl, string commitSha, string path = "")
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var entry = Entry(repoUrl);
        var display = RepositoryUrl.Redact(repoUrl);
        var root = TreePath.Normalize(path ?? "") ?? throw new GitException(
            repoUrl, GitFailure.PathOutsideTree, $"path '{path}' is outside the repository {display}");
        if (!Repository.IsValid(entry.Directory))
            throw new GitException(repoUrl, GitFailure.RevisionNotFound, $"commit {commitSha} not found in {display}: the repository has not been fetched");

        var repository = new Repository(entry.Directory);
        try
        {
            var commit = (ShortSha().IsMatch(commitSha) ? LookupCommit(repository, display, commitSha) : null)
                ?? throw new GitException(repoUrl, GitFailure.RevisionNotFound, $"commit {commitSha} not found in {display}");
            var tree = commit.Tree;
            if (root.Length > 0)
            {
                var entryAtPath = commit.Tree[root] ?? throw new GitException(
                    repoUrl, GitFailure.PathNotFound, $"path '{root}' not found at commit {commit.Sha[..12]} of {display}");
                tree = entryAtPath.Target as Tree ?? throw new GitException(
                    repoUrl, GitFailure.PathNotFound, $"path '{root}' is not a directory at commit {commit.Sha[..12]} of {display}");
            }
            return new GitTree(repository, tree, display, commit.Sha, root);
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var entry in repositories.Values) entry.Dispose();
    }

    private CachedRepository Entry(string repoUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repoUrl);
        var key = RepositoryUrl.Normalize(repoUrl);
        return repositories.GetOrAdd(key, k => new CachedRepository(
            k, RepositoryUrl.FetchUrl(repoUrl), Path.Combine(CacheDirectory, RepositoryUrl.CacheDirectoryName(k))));
    }

    private static ResolvedRevision Describe(string display, string revision, Commit commit) => new(
        display, revision, commit.Sha, commit.Message.TrimEnd('\n'),
        $"{commit.Author.Name} <{commit.Author.Email}>", commit.Committer.When);

    [GeneratedRegex("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex FullSha();

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex ShortSha();
}
