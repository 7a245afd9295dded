using LibGit2Sharp;

namespace Keelson.Git;

/// <summary>
/// <c>git ls-remote</c> without a clone: the branches and tags a repository advertises, as Argo CD's repo server
/// lists them to test a connection or fill the UI's revision picker. Nothing is cached or written to disk.
/// </summary>
public static class RemoteReferences
{
    /// <summary>
    /// Connects to <paramref name="repoUrl"/> (a network URL, a <c>file://</c> URL or a local path) with
    /// <paramref name="credential"/> (or the URL's own <c>user:password@</c>, or none) and lists its refs. Failures
    /// are <see cref="GitException"/>s whose messages never hold the password: <c>AuthenticationFailed</c> when the
    /// server refused the credential, <c>FetchFailed</c> otherwise.
    /// </summary>
    public static Task<RemoteRefs> ListAsync(string repoUrl, GitCredential? credential = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => List(repoUrl, credential ?? RepositoryUrl.EmbeddedCredential(repoUrl)), cancellationToken);

    private static RemoteRefs List(string repoUrl, GitCredential? credential)
    {
        var display = RepositoryUrl.Redact(repoUrl);
        if (RepositoryUrl.LocalPath(repoUrl) is { } local && !Directory.Exists(local))
            throw new GitException(repoUrl, GitFailure.FetchFailed, $"ls-remote of {display} failed: repository not found (no directory {local})");
        var requests = 0;
        // As in the fetch: a second request for credentials means the first were refused; stop instead of replaying.
        LibGit2Sharp.Handlers.CredentialsHandler? handler = credential is null ? null : (_, _, _) => Interlocked.Increment(ref requests) == 1
            ? new UsernamePasswordCredentials { Username = credential.Username, Password = credential.Password }
            : new DefaultCredentials();
        try
        {
            var references = Repository.ListRemoteReferences(RepositoryUrl.FetchUrl(repoUrl), handler).ToList();
            var branches = Names(references, "refs/heads/");
            var tags = Names(references, "refs/tags/").Select(t => t.EndsWith("^{}", StringComparison.Ordinal) ? t[..^3] : t).Distinct(StringComparer.Ordinal).ToList();
            return new RemoteRefs(branches, tags);
        }
        catch (LibGit2SharpException e)
        {
            var reason = credential is { Password.Length: > 0 } ? e.Message.Replace(credential.Password, "***", StringComparison.Ordinal) : e.Message;
            var failure = requests > 1 || reason.Contains("authentication", StringComparison.OrdinalIgnoreCase) ? GitFailure.AuthenticationFailed : GitFailure.FetchFailed;
            throw new GitException(repoUrl, failure, $"ls-remote of {display} failed: {reason}", e);
        }
    }

    private static List<string> Names(IEnumerable<Reference> references, string prefix) =>
        references.Select(r => r.CanonicalName).Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
}

/// <summary>The branch and tag names (without <c>refs/heads/</c>, <c>refs/tags/</c>) a repository advertises, ordinal order.</summary>
public sealed record RemoteRefs(IReadOnlyList<string> Branches, IReadOnlyList<string> Tags);
